using Microsoft.IdentityModel.JsonWebTokens;
using Translations.Testing;
using Translations.Tests.Infrastructure;

namespace Translations.Tests;

/// <summary>The token command (<c>translations token</c>), run as its own process with the shared key of the test hosts.</summary>
public sealed class TokenCommandTests
{
    private static readonly Dictionary<string, string> SharedKey = new()
    {
        ["Auth__SigningKey"] = TranslationsApp.Signing.SigningKey,
        ["Auth__Issuer"] = TranslationsApp.Signing.Issuer,
        ["Auth__Audience"] = TranslationsApp.Signing.Audience,
    };

    [Fact]
    public async Task Translator_token_without_lang_is_a_usage_error_naming_the_option()
    {
        var run = await DotnetProgram.RunAsync(BuiltProgram.Cli, ["token", "--sub", "anna", "--role", "translator"], SharedKey);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains("--lang", run.Errors);
        Assert.Contains("e.g. --lang en", run.Errors);
    }

    [Theory]
    [InlineData(new[] { "--role", "translator", "--lang", "en" }, new[] { "en" })]
    [InlineData(new[] { "--role", "translator", "--role", "editor" }, new string[0])]
    public async Task Translator_token_is_issued_with_a_language_or_with_a_role_that_writes_every_language(string[] arguments, string[] languages)
    {
        var run = await DotnetProgram.RunAsync(BuiltProgram.Cli, ["token", "--sub", "anna", .. arguments], SharedKey);

        Assert.Equal(0, run.ExitCode);
        var token = new JsonWebToken(run.Output.Trim());
        Assert.Equal("anna", token.Subject);
        Assert.Equal(languages, token.Claims.Where(c => c.Type == "lang").Select(c => c.Value));
    }
}
