using Microsoft.AspNetCore.Builder;
namespace Translations.Hosting;

/// <summary>
/// Where the service finds <c>appsettings.json</c>. The content root is the current folder, which is
/// the project folder under <c>dotnet run</c>. Started from anywhere else (<c>dotnet /app/Translations.Api.dll</c>
/// from <c>/</c>), the current folder has no settings and the service would silently start without
/// them (Kestrel then speaks HTTP/1.1 and HTTP/2 with TLS only, and h2c clients fail). Then the folder
/// of the assembly, where the build and publish put the settings, is the content root instead. A
/// content root given explicitly (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>) is left alone.
/// </summary>
public static class SettingsLocation
{
    public const string SettingsFile = "appsettings.json";

    public static WebApplicationOptions Options(string[] args)
    {
        var explicitRoot = args.Any(arg => arg.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"));
        var useAssemblyFolder = !explicitRoot
            && !File.Exists(Path.Combine(Directory.GetCurrentDirectory(), SettingsFile))
            && File.Exists(Path.Combine(AppContext.BaseDirectory, SettingsFile));
        return new WebApplicationOptions { Args = args, ContentRootPath = useAssemblyFolder ? AppContext.BaseDirectory : null };
    }
}
