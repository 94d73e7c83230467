using Translations.Access;

namespace Translations.Tests;

public sealed class AccessTests
{
    private static Caller As(string role, params string[] languages) =>
        new("someone", new HashSet<string> { role }, new HashSet<string>(languages));

    [Theory]
    [InlineData(Roles.Reader, Right.ReadReleases, true)]
    [InlineData(Roles.Reader, Right.WriteVariants, false)]
    [InlineData(Roles.Reader, Right.EditReleases, false)]
    [InlineData(Roles.Translator, Right.ReadReleases, true)]
    [InlineData(Roles.Translator, Right.WriteVariants, true)]
    [InlineData(Roles.Translator, Right.WriteSourceVariants, false)]
    [InlineData(Roles.Translator, Right.EditReleases, false)]
    [InlineData(Roles.Editor, Right.WriteSourceVariants, true)]
    [InlineData(Roles.Editor, Right.EditReleases, true)]
    [InlineData(Roles.Editor, Right.Operate, false)]
    [InlineData(Roles.Admin, Right.EditReleases, true)]
    [InlineData(Roles.Admin, Right.Operate, true)]
    public void Each_role_grants_exactly_its_rights(string role, Right right, bool granted) =>
        Assert.Equal(granted, As(role).Has(right));

    [Fact]
    public void A_caller_without_roles_may_not_even_read()
    {
        var error = Assert.Throws<AccessDeniedException>(() => new Caller("x", new HashSet<string>(), new HashSet<string>()).Ensure(Right.ReadReleases));

        Assert.Equal(Right.ReadReleases, error.Right);
        Assert.Contains("releases.read", error.Message);
    }

    [Fact]
    public void Translator_writes_only_the_languages_of_its_lang_claims()
    {
        var translator = As(Roles.Translator, "en");

        translator.EnsureMayWriteVariant("en", sourceLanguage: "ru");
        var error = Assert.Throws<AccessDeniedException>(() => translator.EnsureMayWriteVariant("de", sourceLanguage: "ru"));

        Assert.Equal((Right.WriteVariants, "de"), (error.Right, error.Language));
        Assert.Contains("lang claims are en", error.Message);
    }

    [Fact]
    public void Translator_never_writes_the_source_variant_even_in_its_own_language()
    {
        var error = Assert.Throws<AccessDeniedException>(() => As(Roles.Translator, "ru", "en").EnsureMayWriteVariant("ru", sourceLanguage: "ru"));

        Assert.Equal((Right.WriteSourceVariants, "ru"), (error.Right, error.Language));
    }

    [Theory]
    [InlineData(Roles.Editor)]
    [InlineData(Roles.Admin)]
    public void Editors_and_admins_write_every_variant_without_lang_claims(string role)
    {
        As(role).EnsureMayWriteVariant("ru", sourceLanguage: "ru");
        As(role).EnsureMayWriteVariant("en", sourceLanguage: "ru");
    }

    [Fact]
    public void Reader_may_not_write_a_variant_in_any_language()
    {
        var error = Assert.Throws<AccessDeniedException>(() => As(Roles.Reader, "en").EnsureMayWriteVariant("en", sourceLanguage: "ru"));

        Assert.Equal(Right.WriteVariants, error.Right);
    }

    [Theory]
    [InlineData("olga")]
    [InlineData("Ольга Петрова")]
    [InlineData("service-account@press.example.org")]
    [InlineData("😀 emoji")]
    public void Any_printable_name_up_to_256_characters_may_name_a_caller(string id) => Assert.Null(Caller.ProblemWithId(id));

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(" olga")]
    [InlineData("olga\n")]
    [InlineData("olga\u0000")]
    [InlineData("ol\u0085ga")]
    [InlineData("olga\u2029")]
    public void Blank_padded_or_control_character_names_cannot_name_a_caller(string id) => Assert.NotNull(Caller.ProblemWithId(id));

    [Fact]
    public void Names_with_unpaired_surrogates_cannot_name_a_caller()
    {
        Assert.NotNull(Caller.ProblemWithId("olga" + (char)0xD800));
        Assert.NotNull(Caller.ProblemWithId((char)0xDC00 + "olga"));
        Assert.Null(Caller.ProblemWithId("olga" + char.ConvertFromUtf32(0x1F600)));
    }

    [Fact]
    public void Names_longer_than_256_characters_cannot_name_a_caller()
    {
        Assert.Null(Caller.ProblemWithId(new string('x', 256)));
        Assert.NotNull(Caller.ProblemWithId(new string('x', 257)));
    }
}
