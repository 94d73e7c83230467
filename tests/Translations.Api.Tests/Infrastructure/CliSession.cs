using Translations.Cli;
using Translations.Tokens;

namespace Translations.Tests.Infrastructure;

/// <summary>What one run of the <c>translations</c> command did: its exit code and what it wrote where.</summary>
public sealed record CliRun(int ExitCode, string Output, string Errors)
{
    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\n--- output\n{Output}--- errors\n{Errors}";
}

/// <summary>
/// The real <c>translations</c> command run in-process against a service over its socket, as a person with
/// <c>TRANSLATIONS_ADDRESS</c> and <c>TRANSLATIONS_TOKEN</c> set; output and errors are redirected, as in a script.
/// </summary>
public sealed class CliSession(Uri address, Dictionary<string, string?>? environment = null)
{
    public async Task<CliRun> RunAsync(TokenClaims? caller, params string[] args) =>
        await RunWithTokenAsync(caller is null ? null : TranslationsApp.Signing.Mint(caller, TimeSpan.FromHours(1)), args);

    public async Task<CliRun> RunWithTokenAsync(string? token, params string[] args)
    {
        var variables = new Dictionary<string, string?>(environment ?? [])
        {
            ["TRANSLATIONS_ADDRESS"] = address.ToString(),
            ["TRANSLATIONS_TOKEN"] = token,
        };
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await TranslationsCli.RunAsync(args, output, errors, variables, TestContext.Current.CancellationToken);
        return new CliRun(code, output.ToString(), errors.ToString());
    }
}
