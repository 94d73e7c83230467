using System.CommandLine;
using Translations.Client;

namespace Translations.Cli.Hosting;

/// <summary>How a command reaches the service (--address, --token, or their environment variables) and whether it prints JSON.</summary>
internal sealed class ServiceOptions(CliContext cli)
{
    public const string DefaultAddress = "127.0.0.1:5080";

    // No default values from the environment: help would print them, and a token does not belong in help.
    public Option<string?> Address { get; } = new("--address")
    {
        Description = $"The service: host:port (plaintext HTTP/2), http://…, https://… or dns:///name:port [env: TRANSLATIONS_ADDRESS; default {DefaultAddress}].",
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "The bearer token (mint one with `translations token`) [env: TRANSLATIONS_TOKEN].",
    };

    public Option<bool> Json { get; } = new("--json") { Description = "One JSON object per line (proto JSON names), for scripts, instead of tables." };

    public void AddTo(Command command)
    {
        command.Options.Add(Json);
        command.Options.Add(Address);
        command.Options.Add(Token);
    }

    public string AddressText(ParseResult parsed) =>
        parsed.GetValue(Address) ?? (cli.Variable("TRANSLATIONS_ADDRESS") is { Length: > 0 } configured ? configured : DefaultAddress);

    /// <summary>A client for the address and token of this run; a malformed address is a usage error, before anything is sent.</summary>
    public TranslationsClient CreateClient(ParseResult parsed)
    {
        var text = AddressText(parsed);
        var address = ParseAddress(text) ?? throw CliFailure.Usage(
            $"the address '{text}' (--address or TRANSLATIONS_ADDRESS) is not host:port or an http://, https:// or dns:/// address");
        var token = parsed.GetValue(Token) ?? cli.Variable("TRANSLATIONS_TOKEN");
        return TranslationsClient.Create(options =>
        {
            options.Address = address;
            options.Token = string.IsNullOrWhiteSpace(token) ? null : token.Trim();
        });
    }

    /// <summary>host:port means http://host:port, the service's plaintext HTTP/2 endpoint.</summary>
    public static Uri? ParseAddress(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (text.Contains("://", StringComparison.Ordinal))
        {
            return Uri.TryCreate(text, UriKind.Absolute, out var full) && full.Scheme is "http" or "https" or "dns" ? full : null;
        }
        return text.Contains(':', StringComparison.Ordinal) && Uri.TryCreate($"http://{text}", UriKind.Absolute, out var plain) && plain.AbsolutePath == "/"
            ? plain : null;
    }
}
