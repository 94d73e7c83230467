using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Translations.Tokens;

namespace Translations.Access;

/// <summary>
/// In the Development environment, a service started without token configuration signs with a local
/// key it creates on first start, kept per user (<see cref="DevelopmentSigning"/>, shared with the
/// <c>translations token</c> command) so that the command finds it from any folder.
/// Each options cache (IOptions, IOptionsMonitor) post-configures its own copy, so the key is read
/// and announced once per start, then reused.
/// </summary>
internal sealed partial class DevelopmentSigningKey(ILogger<DevelopmentSigningKey> logger) : IPostConfigureOptions<AuthOptions>
{
    private readonly Lock _gate = new();
    private (string Path, string Key)? _loaded;

    public void PostConfigure(string? name, AuthOptions options)
    {
        if (options.UsesAuthority || options.UsesSigningKey)
        {
            return;
        }
        var path = string.IsNullOrWhiteSpace(options.DevelopmentKeyFile) ? DevelopmentSigning.DefaultKeyFile : options.DevelopmentKeyFile;
        options.Issuer = string.IsNullOrWhiteSpace(options.Issuer) ? DevelopmentSigning.Issuer : options.Issuer;
        options.Audience = string.IsNullOrWhiteSpace(options.Audience) ? DevelopmentSigning.Audience : options.Audience;
        lock (_gate)
        {
            if (_loaded?.Path != path)
            {
                _loaded = (path, LoadOrCreate(name, path));
                LogUsingDevelopmentKey(path, options.Issuer, options.Audience);
            }
            options.SigningKey = _loaded.Value.Key;
        }
    }

    private static string LoadOrCreate(string? name, string path)
    {
        try
        {
            return LoadOrCreate(path);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            throw new OptionsValidationException(name ?? Options.DefaultName, typeof(AuthOptions), [
                $"Auth__DevelopmentKeyFile: cannot read or create the development signing key {path} ({failure.Message.TrimEnd('.')}); "
                + "point it at a file in a folder you may write, or configure Auth__SigningKey."]);
        }
    }

    private static string LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        var written = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(written, key);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(written, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        try
        {
            File.Move(written, path, overwrite: false);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first (the rename is atomic): both use that one.
            File.Delete(written);
            return File.ReadAllText(path).Trim();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Development: no Auth settings, so tokens are checked with the local key in {Path} (issuer {Issuer}, audience {Audience}). Mint one with: dotnet run --project src/Translations.Cli -- token --sub you --role editor")]
    private partial void LogUsingDevelopmentKey(string path, string issuer, string audience);
}
