using Translations.Languages;
using Translations.Releases;
using Translations.Validation;

namespace Translations.Tests;

public sealed class LanguageSettingsTests
{
    private static readonly DateTimeOffset Now = new(2024, 4, 24, 12, 0, 0, TimeSpan.Zero);

    private static Release ReleaseIn(params string[] languages) => new(
        ReleaseId.New(), null, new DateOnly(2024, 4, 24), "news", [], languages[0],
        languages.Select(l => new Variant(l, $"title-{l}", "", "body", 1, 0, "editor", Now)).ToArray(), 1, Now, Now);

    [Fact]
    public void Defaults_are_russian_and_english_falling_back_to_each_other()
    {
        var settings = new LanguageSettings(new LanguageOptions());

        Assert.Equal(["ru", "en"], settings.Supported);
        Assert.Equal(["en", "ru"], settings.ChainFor("en"));
        Assert.Equal(["ru", "en"], settings.ChainFor("ru"));
    }

    [Fact]
    public void Requested_language_is_served_when_present()
    {
        var served = new LanguageSettings(LanguageOptions.Default).Serve(ReleaseIn("ru", "en"), "en");

        Assert.NotNull(served);
        Assert.Equal(("en", false), (served.Language, served.FellBack));
        Assert.Equal("title-en", Assert.Single(served.Release.Variants).Title);
    }

    [Fact]
    public void Missing_language_falls_back_along_the_chain()
    {
        var served = new LanguageSettings(LanguageOptions.Default).Serve(ReleaseIn("ru"), "en");

        Assert.NotNull(served);
        Assert.Equal(("ru", true), (served.Language, served.FellBack));
    }

    [Fact]
    public void No_acceptable_variant_serves_nothing()
    {
        var settings = new LanguageSettings(new LanguageOptions
        {
            Supported = ["ru", "en", "de"],
            Fallback = new() { ["de"] = ["en"] },
        });

        Assert.Null(settings.Serve(ReleaseIn("ru"), "de"));
        Assert.Equal("en", settings.Serve(ReleaseIn("ru", "en"), "de")?.Language);
    }

    [Theory]
    [InlineData("EN")]
    [InlineData("en_US")]
    [InlineData("english")]
    public void Configuration_with_a_malformed_tag_is_refused(string tag)
    {
        var error = Assert.Throws<ArgumentException>(() => new LanguageSettings(new LanguageOptions { Supported = ["ru", tag] }));

        Assert.Contains($"Languages__Supported__1 is \"{tag}\", which is not a lower-case BCP-47 tag", error.Message);
    }

    [Fact]
    public void Fallback_to_an_unsupported_language_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => new LanguageSettings(new LanguageOptions
        {
            Supported = ["ru", "en"],
            Fallback = new() { ["en"] = ["ru", "de"] },
        }));

        Assert.Contains("Languages__Fallback__en__1 is \"de\", which is not listed in Languages__Supported", error.Message);
    }

    [Theory]
    [InlineData("en", true)]
    [InlineData("EN", false)]
    [InlineData("fr", false)]
    [InlineData("", false)]
    public void Client_languages_must_be_configured_and_lower_case(string language, bool valid)
    {
        var violations = new Violations();

        new LanguageSettings(LanguageOptions.Default).Check(language, "language", violations);

        Assert.Equal(!valid, violations.Any);
    }
}
