using System.Reflection;
using Microsoft.Extensions.Hosting;
using Translations.Hosting;
using Translations.Storage;

namespace Translations.Deployment.Tests;

/// <summary>A misspelt setting is silently ignored by ASP.NET Core, so every name is checked against the code.</summary>
public sealed class SettingNameTests
{
    [Theory]
    [MemberData(nameof(Kustomize.Kustomizations), MemberType = typeof(Kustomize))]
    public void Every_variable_given_to_the_service_is_one_it_reads(string kustomization)
    {
        var names = Manifests.Render(kustomization).TranslationsVariableNames.ToList();

        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.True(IsRead(name), $"{name} is set in {kustomization}, but the service reads no such setting."));
    }

    [Fact]
    public void A_misspelt_setting_is_not_one_the_service_reads()
    {
        Assert.True(IsRead("Draining__Timeout"));
        Assert.False(IsRead("Draining__Timout"));
        Assert.False(IsRead("Drainng__Timeout"));
        Assert.False(IsRead("ConnectionStrings__Release"));
        Assert.False(IsRead("Kestrel__Endpoints__Grcp__Url"));
    }

    private static readonly HashSet<string> Known = KnownSettings();

    private static bool IsRead(string name) =>
        name.StartsWith("OTEL_", StringComparison.Ordinal)
        || name.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
        || name.StartsWith("DOTNET_", StringComparison.Ordinal)
        || Known.Contains(name);

    /// <summary>
    /// Names the service defines: its connection strings, the Kestrel endpoints the probes and the Service
    /// use, Storage__Provider, and Section__Property for every public options class with a Section constant.
    /// </summary>
    private static HashSet<string> KnownSettings()
    {
        var known = new HashSet<string>(StringComparer.Ordinal)
        {
            $"ConnectionStrings__{StorageServiceCollectionExtensions.ConnectionStringName}",
            $"ConnectionStrings__{CachingExtensions.RedisConnectionStringName}",
            "Kestrel__Endpoints__Grpc__Url",
            $"Kestrel__Endpoints__{HealthProbes.ManagementEndpoint}__Url",
            $"Kestrel__Endpoints__{HttpJson.HttpJsonEndpoint.Name}__Url",
            StorageExtensions.ProviderSetting.Replace(":", "__", StringComparison.Ordinal),
        };

        foreach (var type in ServiceAssemblies().SelectMany(assembly => assembly.GetExportedTypes()))
        {
            if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
                && field.GetRawConstantValue() is string section)
            {
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (property.SetMethod is { IsPublic: true })
                    {
                        known.Add($"{section}__{property.Name}");
                    }
                }
            }
        }

        return known;
    }

    /// <summary>
    /// The assemblies of the projects the Api references, transitively: what the image ships. By project,
    /// not by the Api assembly's metadata, which lists only the assemblies its code already calls into.
    /// </summary>
    private static List<Assembly> ServiceAssemblies() =>
        [.. Repository.ProjectClosure(Repository.ApiProject).Select(project => Assembly.Load(Path.GetFileNameWithoutExtension(project)))];
}
