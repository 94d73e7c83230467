using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Translations.Tokens;

namespace Translations.Workbench.SignIn;

/// <summary>
/// Development only: mints the signed-in person's token as <c>translations token</c> does, with the key the
/// service checks tokens with (<see cref="DevelopmentSigning"/>): <c>Auth__SigningKey</c> (with
/// <c>Auth__Issuer</c>, <c>Auth__Audience</c>) when set, else the per-user key file the service creates on
/// its first start in Development. The key is read at each sign-in, so the two may start in any order.
/// </summary>
public sealed partial class DevelopmentTokens(IConfiguration configuration, IOptions<SignInOptions> options, TimeProvider time)
{
    /// <summary>As long as a working day, like the token command's default.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public static readonly IReadOnlyList<string> Roles = [WorkbenchUser.Translator, WorkbenchUser.Editor, WorkbenchUser.Admin];

    public string KeyFile => string.IsNullOrWhiteSpace(options.Value.DevelopmentKeyFile) ? DevelopmentSigning.DefaultKeyFile : options.Value.DevelopmentKeyFile;

    /// <summary>A token for the person, or null when there is no key to sign it with.</summary>
    public string? Mint(string name, string role, IReadOnlyList<string> languages)
    {
        var signing = DevelopmentSigning.FromEnvironmentOrKeyFile(setting => configuration[setting.Replace("__", ":", StringComparison.Ordinal)], KeyFile);
        var now = time.GetUtcNow();
        return signing?.Mint(new TokenClaims(name, [role], languages), now, now + Lifetime);
    }

    /// <summary>"en, ru" as ["en", "ru"]: lower case, without duplicates or empty entries.</summary>
    public static IReadOnlyList<string> ParseLanguages(string? languages) =>
        (languages ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(language => language.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Whether a typed language looks like a BCP-47 tag (the service checks it against its list).</summary>
    public static bool IsLanguageTag(string language) => LanguageTag().IsMatch(language);

    [GeneratedRegex("^[a-z]{2,3}(-[a-z0-9]{2,8})*$")]
    private static partial Regex LanguageTag();
}
