namespace Translations.Tokens;

/// <summary>
/// The shared-key settings that both the service and the <c>translations token</c> command use: the local
/// development key the service creates on its first start in Development (its location, issuer and
/// audience), or <c>Auth__SigningKey</c>, <c>Auth__Issuer</c> and <c>Auth__Audience</c> when set.
/// </summary>
public static class DevelopmentSigning
{
    public const string Issuer = "translations-dev";
    public const string Audience = "translations";

    /// <summary>~/.config/translations/development-signing-key on Linux: per user, so found from any folder.</summary>
    public static string DefaultKeyFile => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.Create),
        "translations", "development-signing-key");

    /// <summary>
    /// The key in <c>Auth__SigningKey</c> (with <c>Auth__Issuer</c> and <c>Auth__Audience</c>, else the
    /// development ones) when <paramref name="environment"/> has one, as for the service; otherwise the key in
    /// <paramref name="keyFile"/>; null when there is neither.
    /// </summary>
    public static SigningSettings? FromEnvironmentOrKeyFile(Func<string, string?> environment, string? keyFile = null)
    {
        if (environment("Auth__SigningKey") is { Length: > 0 } key)
        {
            return new SigningSettings(key,
                environment("Auth__Issuer") is { Length: > 0 } issuer ? issuer : Issuer,
                environment("Auth__Audience") is { Length: > 0 } audience ? audience : Audience);
        }
        keyFile ??= DefaultKeyFile;
        return File.Exists(keyFile) ? new SigningSettings(File.ReadAllText(keyFile).Trim(), Issuer, Audience) : null;
    }
}
