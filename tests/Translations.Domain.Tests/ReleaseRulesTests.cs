using Translations.Access;
using Translations.Releases;
using Translations.Validation;

namespace Translations.Tests;

public sealed class ReleaseRulesTests
{
    private static readonly DateTimeOffset Created = new(2024, 4, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Created.AddHours(2);

    private static Release NewRussianRelease() => ReleaseRules.Create(ReleaseId.New(),
        new NewRelease("summit", new DateOnly(2024, 4, 22), "news", ["odkb"], "ru", new VariantText("Заголовок", "", "Текст")),
        "editor", Created);

    private static Caller As(string id, string role, params string[] languages) =>
        new(id, new HashSet<string> { role }, new HashSet<string>(languages));

    private static VariantSubmission Submit(Release release, string language, long expected, long sourceRevision = 0) =>
        new(release.Id, language, new VariantText("Title", "", "Body"), sourceRevision, expected);

    [Fact]
    public void New_release_starts_at_revision_one_with_its_source_variant()
    {
        var release = NewRussianRelease();

        Assert.Equal(1, release.Revision);
        var source = Assert.Single(release.Variants);
        Assert.Equal(("ru", 1L, 0L, "editor"), (source.Language, source.Revision, source.SourceRevision, source.Author));
    }

    [Fact]
    public void First_translation_needs_expected_revision_zero_and_records_the_current_source_revision()
    {
        var release = NewRussianRelease();

        var variant = ReleaseRules.SubmitVariant(release, Submit(release, "en", expected: 0), As("translator", Roles.Translator, "en"), Later);

        Assert.Equal((1L, 1L, "translator", Later), (variant.Revision, variant.SourceRevision, variant.Author, variant.UpdateTime));
    }

    [Fact]
    public void Stale_expected_revision_is_a_mismatch_carrying_the_current_revision()
    {
        var release = NewRussianRelease();

        var error = Assert.Throws<RevisionMismatchException>(() => ReleaseRules.SubmitVariant(release, Submit(release, "ru", expected: 0), As("x", Roles.Editor), Later));

        Assert.Equal((0L, 1L), (error.Expected, error.Current));
    }

    [Fact]
    public void Translation_from_a_source_revision_that_never_existed_is_invalid()
    {
        var release = NewRussianRelease();

        var error = Assert.Throws<InvalidInputException>(() => ReleaseRules.SubmitVariant(release, Submit(release, "en", 0, sourceRevision: 2), As("x", Roles.Translator, "en"), Later));

        Assert.Equal("source_revision", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Source_variant_never_records_a_source_revision()
    {
        var release = NewRussianRelease();

        var edited = ReleaseRules.SubmitVariant(release, Submit(release, "ru", expected: 1, sourceRevision: 5), As("editor", Roles.Editor), Later);

        Assert.Equal((2L, 0L), (edited.Revision, edited.SourceRevision));
    }

    [Fact]
    public void Metadata_change_applies_only_the_named_fields()
    {
        var release = NewRussianRelease();

        var updated = ReleaseRules.ApplyMetadata(release,
            new ReleaseMetadataChange(release.Id, 1, MetadataFields.Tags | MetadataFields.Category, "ignored", default, "events", ["a", "b"]), Later);

        Assert.Equal(("summit", new DateOnly(2024, 4, 22), "events", 2L, Later), (updated.Slug, updated.ReleaseDate, updated.Category, updated.Revision, updated.UpdateTime));
        Assert.Equal(["a", "b"], updated.Tags);
        Assert.Equal(release.Variants, updated.Variants);
    }

    [Fact]
    public void Metadata_change_against_a_stale_revision_is_a_mismatch()
    {
        var release = NewRussianRelease();

        Assert.Throws<RevisionMismatchException>(() => ReleaseRules.ApplyMetadata(release,
            new ReleaseMetadataChange(release.Id, 2, MetadataFields.All, null, default, "", []), Later));
    }
}
