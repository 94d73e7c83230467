using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Translations.Tokens;
using Translations.Workbench.SignIn;

namespace Translations.Workbench.Tests.App;

/// <summary>The development sign-in mints tokens the service accepts, and the workbench reads the person from them.</summary>
public sealed class WorkbenchUserTests
{
    private const string Key = "a development key of at least thirty-two bytes";

    [Fact]
    public async Task The_development_sign_in_signs_with_the_services_key_file()
    {
        var folder = Directory.CreateTempSubdirectory("workbench-key-");
        try
        {
            var keyFile = Path.Combine(folder.FullName, "development-signing-key");
            await File.WriteAllTextAsync(keyFile, Key + "\n", TestContext.Current.CancellationToken);
            var tokens = Tokens(new Dictionary<string, string?>(), new SignInOptions { DevelopmentKeyFile = keyFile });

            var token = tokens.Mint("anna", WorkbenchUser.Translator, ["en", "ru"]);

            var checkedToken = await Check(token!, Key, DevelopmentSigning.Issuer, DevelopmentSigning.Audience);
            Assert.True(checkedToken.IsValid, checkedToken.Exception?.Message);
            Assert.Equal("anna", checkedToken.Claims["sub"]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_signing_key_in_the_settings_wins_over_the_key_file_as_for_the_service()
    {
        var tokens = Tokens(new Dictionary<string, string?> { ["Auth:SigningKey"] = Key, ["Auth:Issuer"] = "press", ["Auth:Audience"] = "translations-test" },
            new SignInOptions { DevelopmentKeyFile = "/nonexistent/key" });

        var token = tokens.Mint("boris", WorkbenchUser.Editor, []);

        Assert.True((await Check(token!, Key, "press", "translations-test")).IsValid);
    }

    [Fact]
    public void Without_any_key_no_token_is_minted()
    {
        var tokens = Tokens(new Dictionary<string, string?>(), new SignInOptions { DevelopmentKeyFile = "/nonexistent/development-signing-key" });

        Assert.Null(tokens.Mint("anna", WorkbenchUser.Translator, ["en"]));
    }

    [Fact]
    public void The_person_is_read_from_the_token_the_service_will_check()
    {
        var expires = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var token = new SigningSettings(Key, "press", "translations").Mint(new TokenClaims("anna", [WorkbenchUser.Translator], ["en", "ru"]), expires.AddHours(-1), expires);

        var user = WorkbenchUser.FromAccessToken(token);

        Assert.Equal("anna", user.Identity!.Name);
        Assert.True(user.Identity.IsAuthenticated);
        Assert.True(WorkbenchUser.Translates(user));
        Assert.False(WorkbenchUser.Edits(user));
        Assert.Equal(["en", "ru"], WorkbenchUser.LanguagesOf(user));
        Assert.Equal(token, WorkbenchUser.TokenOf(user));
        Assert.Equal(expires, WorkbenchUser.ExpiresOf(user));
    }

    [Theory]
    [InlineData("translator", "/translate")]
    [InlineData("editor", "/review")]
    [InlineData("admin", "/review")]
    [InlineData("reader", "/no-access")]
    public void The_start_page_depends_on_the_role(string role, string home)
    {
        var token = new SigningSettings(Key, "press", "translations").Mint(new TokenClaims("someone", role), TimeSpan.FromHours(1));

        Assert.Equal(home, WorkbenchUser.HomeOf(WorkbenchUser.FromAccessToken(token)));
    }

    [Theory]
    [InlineData("en", new[] { "en" })]
    [InlineData(" EN , ru;de ", new[] { "en", "ru", "de" })]
    [InlineData("en,en", new[] { "en" })]
    [InlineData("", new string[0])]
    public void Languages_are_typed_comma_separated(string typed, string[] languages) =>
        Assert.Equal(languages, DevelopmentTokens.ParseLanguages(typed));

    private static DevelopmentTokens Tokens(Dictionary<string, string?> settings, SignInOptions options) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), Options.Create(options), TimeProvider.System);

    private static Task<TokenValidationResult> Check(string token, string key, string issuer, string audience) =>
        new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = audience,
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
        });
}
