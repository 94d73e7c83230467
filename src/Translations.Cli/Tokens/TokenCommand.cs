using System.CommandLine;
using System.Text.Json;
using Translations.Cli.Hosting;
using Translations.Tokens;

namespace Translations.Cli.Tokens;

/// <summary>
/// <c>translations token --sub alice --role translator --lang en</c> prints a token signed with
/// <c>Auth__SigningKey</c> (with <c>Auth__Issuer</c>, <c>Auth__Audience</c>) when set, as for the service;
/// otherwise with the local development key the service creates on its first start in Development.
/// </summary>
internal static class TokenCommand
{
    private static readonly string[] KnownRoles = ["reader", "translator", "editor", "admin"];

    public static Command Create(CliContext cli)
    {
        var sub = new Option<string>("--sub") { Description = "Who the caller is; recorded as the author of its writes.", Required = true };
        var roles = new Option<string[]>("--role") { Description = "reader, translator, editor or admin; repeat for several.", Required = true, AllowMultipleArgumentsPerToken = true };
        roles.AcceptOnlyFromAmong(KnownRoles);
        var languages = new Option<string[]>("--lang") { Description = "A language a translator may write; repeat for several.", AllowMultipleArgumentsPerToken = true };
        var lifetime = new Option<TimeSpan>("--lifetime") { Description = "How long the token is valid.", DefaultValueFactory = _ => TimeSpan.FromHours(8) };
        var keyFile = new Option<string>("--key-file") { Description = "The development key file.", DefaultValueFactory = _ => DevelopmentSigning.DefaultKeyFile };
        var json = new Option<bool>("--json") { Description = "Print {\"token\": \"…\"} instead of the bare token." };
        var command = new Command("token", Help.Describe(
            "Prints a bearer token for the Translations service, signed with Auth__SigningKey (and Auth__Issuer, Auth__Audience) "
            + "when set, else with the development key the service creates on its first start in Development.",
            "export TRANSLATIONS_TOKEN=$(translations token --sub anna --role translator --lang en)"))
        {
            sub, roles, languages, lifetime, keyFile, json,
        };
        command.SetAction(parsed =>
        {
            var chosenRoles = parsed.GetValue(roles)!;
            var chosenLanguages = (parsed.GetValue(languages) ?? []).Select(l => l.ToLowerInvariant()).ToArray();
            if (WritesNothing(chosenRoles, chosenLanguages))
            {
                cli.Error.WriteLine("A translator token needs --lang: the languages it may write, e.g. --lang en (repeat for several). "
                    + "Without one it could write nothing. For a token that writes every language, add --role editor.");
                return ExitCodes.Usage;
            }
            return cli.Run(new Attempt("mint a token"), () =>
            {
                var settings = DevelopmentSigning.FromEnvironmentOrKeyFile(cli.Variable, parsed.GetValue(keyFile))
                    ?? throw new CliFailure(ExitCodes.Other,
                        $"no signing key: set Auth__SigningKey, Auth__Issuer and Auth__Audience, or start the service once in Development to create {parsed.GetValue(keyFile)}");
                var token = settings.Mint(new TokenClaims(parsed.GetValue(sub)!, chosenRoles, chosenLanguages), parsed.GetValue(lifetime));
                cli.Output.WriteLine(parsed.GetValue(json) ? JsonSerializer.Serialize(new Dictionary<string, string> { ["token"] = token }) : token);
            });
        });
        return command;
    }

    /// <summary>A translator writes only the languages of its <c>lang</c> claims; editors and admins write every language.</summary>
    private static bool WritesNothing(string[] roles, string[] languages) =>
        roles.Contains("translator") && languages.Length == 0 && !roles.Contains("editor") && !roles.Contains("admin");
}
