using System.CommandLine;

namespace Translations.Tokens;

/// <summary>
/// <c>dotnet run --project src/Translations.Tokens -- --sub alice --role translator --lang en</c> prints a token.
/// The key is <c>Auth__SigningKey</c> (with <c>Auth__Issuer</c>, <c>Auth__Audience</c>) when set, as for the
/// service; otherwise the local development key the service creates on its first start in Development.
/// </summary>
public static class TokenCommand
{
    public const string DevelopmentIssuer = "translations-dev";
    public const string DevelopmentAudience = "translations";
    private static readonly string[] KnownRoles = ["reader", "translator", "editor", "admin"];

    /// <summary>Where the service keeps its Development key (kept in step with the service's DevelopmentSigningKey).</summary>
    public static string DevelopmentKeyFile => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.Create),
        "translations", "development-signing-key");

    public static int Main(string[] args)
    {
        var sub = new Option<string>("--sub") { Description = "Who the caller is; recorded as the author of its writes.", Required = true };
        var roles = new Option<string[]>("--role") { Description = "reader, translator, editor or admin; repeat for several.", Required = true, AllowMultipleArgumentsPerToken = true };
        roles.AcceptOnlyFromAmong(KnownRoles);
        var languages = new Option<string[]>("--lang") { Description = "A language a translator may write; repeat for several.", AllowMultipleArgumentsPerToken = true };
        var lifetime = new Option<TimeSpan>("--lifetime") { Description = "How long the token is valid.", DefaultValueFactory = _ => TimeSpan.FromHours(8) };
        var keyFile = new Option<string>("--key-file") { Description = "The development key file.", DefaultValueFactory = _ => DevelopmentKeyFile };

        var command = new RootCommand("Prints a bearer token for the Translations service.") { sub, roles, languages, lifetime, keyFile };
        command.SetAction(parsed =>
        {
            var chosenRoles = parsed.GetValue(roles)!;
            var chosenLanguages = (parsed.GetValue(languages) ?? []).Select(l => l.ToLowerInvariant()).ToArray();
            if (WritesNothing(chosenRoles, chosenLanguages))
            {
                Console.Error.WriteLine("A translator token needs --lang: the languages it may write, e.g. --lang en (repeat for several). "
                    + "Without one it could write nothing. For a token that writes every language, add --role editor.");
                return 1;
            }
            if (Settings(parsed.GetValue(keyFile)!) is not { } settings)
            {
                Console.Error.WriteLine($"No signing key: set Auth__SigningKey, Auth__Issuer and Auth__Audience, or start the service once in Development to create {parsed.GetValue(keyFile)}.");
                return 1;
            }
            var claims = new TokenClaims(parsed.GetValue(sub)!, chosenRoles, chosenLanguages);
            Console.WriteLine(settings.Mint(claims, parsed.GetValue(lifetime)));
            return 0;
        });
        return command.Parse(args).Invoke();
    }

    /// <summary>A translator writes only the languages of its <c>lang</c> claims; editors and admins write every language.</summary>
    private static bool WritesNothing(string[] roles, string[] languages) =>
        roles.Contains("translator") && languages.Length == 0 && !roles.Contains("editor") && !roles.Contains("admin");

    private static SigningSettings? Settings(string keyFile)
    {
        if (Environment.GetEnvironmentVariable("Auth__SigningKey") is { Length: > 0 } key)
        {
            return new SigningSettings(key,
                Environment.GetEnvironmentVariable("Auth__Issuer") ?? DevelopmentIssuer,
                Environment.GetEnvironmentVariable("Auth__Audience") ?? DevelopmentAudience);
        }
        return File.Exists(keyFile) ? new SigningSettings(File.ReadAllText(keyFile).Trim(), DevelopmentIssuer, DevelopmentAudience) : null;
    }
}
