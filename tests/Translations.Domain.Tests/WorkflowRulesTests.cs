using Translations.Access;
using Translations.Releases;

namespace Translations.Tests;

public sealed class WorkflowRulesTests
{
    private static readonly DateTimeOffset Now = new(2024, 4, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly Caller Editor = new("chief", new HashSet<string> { Roles.Editor }, new HashSet<string>());

    private static Release With(params Variant[] variants) =>
        new("id", null, new DateOnly(2024, 4, 22), "news", [], "ru", variants, 5, Now, Now);

    private static Variant In(string language, VariantState state, long revision = 2) =>
        new(language, "T", "", "B", revision, language == "ru" ? 0 : 1, "someone", Now, state);

    [Theory]
    [InlineData(VariantState.Draft)]
    [InlineData(VariantState.Approved)]
    [InlineData(VariantState.Published)]
    [InlineData(VariantState.Rejected)]
    public void Only_a_variant_in_review_can_be_reviewed(VariantState state)
    {
        var release = With(In("ru", state));

        Assert.Throws<WorkflowException>(() => WorkflowRules.Review(release, new VariantReview("id", "ru", 2, true, ""), Editor, Now));
    }

    [Fact]
    public void Review_is_a_new_revision_with_the_same_text_and_author_made_by_the_reviewer_with_the_comment()
    {
        var inReview = In("ru", VariantState.InReview);
        var reviewed = WorkflowRules.Review(With(inReview), new VariantReview("id", "ru", 2, false, "Fix the title"), Editor, Now);

        Assert.Equal((VariantState.Rejected, 3L, "chief", "Fix the title", "T"), (reviewed.State, reviewed.Revision, reviewed.Actor, reviewed.Comment, reviewed.Title));
        Assert.Equal(inReview.Author, reviewed.Author);
    }

    [Fact]
    public void Publishing_names_every_language_that_is_not_ready_and_publishes_none()
    {
        var release = With(In("ru", VariantState.Approved), In("en", VariantState.Draft));

        var error = Assert.Throws<WorkflowException>(() => WorkflowRules.Publish(release, ["ru", "en", "de"], Editor, Now));

        Assert.Equal(["en", "de"], error.Violations.Select(v => v.Language));
    }

    [Fact]
    public void Publishing_leaves_an_already_published_language_as_it_is()
    {
        var published = WorkflowRules.Publish(With(In("ru", VariantState.Published), In("en", VariantState.Approved)), ["ru", "en"], Editor, Now);

        Assert.Equal([("en", VariantState.Published, 3L)], published.Select(v => (v.Language, v.State, v.Revision)));
    }

    [Fact]
    public void Unpublishing_the_published_revision_takes_it_back_to_approved_and_a_newer_draft_stays()
    {
        var back = WorkflowRules.Unpublish(With(In("ru", VariantState.Published)), "ru", isPublished: true, Editor, Now);
        var draftStays = WorkflowRules.Unpublish(With(In("ru", VariantState.Draft)), "ru", isPublished: true, Editor, Now);

        Assert.Equal(VariantState.Approved, back!.State);
        Assert.Null(draftStays);
        Assert.Throws<WorkflowException>(() => WorkflowRules.Unpublish(With(In("ru", VariantState.Approved)), "ru", isPublished: false, Editor, Now));
    }
}
