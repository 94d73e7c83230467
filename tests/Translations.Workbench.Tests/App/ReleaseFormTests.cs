using Google.Protobuf.WellKnownTypes;
using Translations.V1;
using Translations.Workbench.Components;
using Translations.Workbench.Releases;
using Date = Google.Type.Date;

namespace Translations.Workbench.Tests.App;

/// <summary>
/// What the release form sends: a new release as one CreateRelease; for an existing one only what the
/// editor changed, each write expecting the revision the form was filled from, and how a change made
/// elsewhere meanwhile reaches a form with text typed in it.
/// </summary>
public sealed class ReleaseFormTests
{
    private static readonly ReleaseText Text = ReleaseText.English;

    [Fact]
    public void A_new_release_is_created_with_its_metadata_and_its_source_text()
    {
        var form = ReleaseForm.New(new DateOnly(2026, 12, 1), "ru");
        form.Category = " news ";
        form.Tags = "energy, exports ,, energy";
        form.Slug = "north-drills";
        form.Title = " Учения на севере ";
        form.Lead = "Кратко.";
        form.Body = "Первый абзац.\r\n\r\nВторой абзац.";

        var request = form.ToCreateRequest(Text, new FieldProblems());

        Assert.NotNull(request);
        Assert.Equal(form.RequestId, request.RequestId);
        Assert.Equal(form.RequestId, form.ToCreateRequest(Text, new FieldProblems())!.RequestId);
        Assert.True(request.SubmitForReview);
        var release = request.Release;
        Assert.Equal(new Date { Year = 2026, Month = 12, Day = 1 }, release.ReleaseDate);
        Assert.Equal("news", release.Category);
        Assert.Equal(["energy", "exports"], release.Tags);
        Assert.Equal("north-drills", release.Slug);
        Assert.Equal("ru", release.SourceLanguage);
        var source = Assert.Single(release.Variants);
        Assert.Equal(("ru", "Учения на севере", "Кратко.", "Первый абзац.\n\nВторой абзац."), (source.Language, source.Title, source.Lead, source.Body));
    }

    [Fact]
    public void Each_new_release_form_creates_under_its_own_request_id()
    {
        var first = ReleaseForm.New(new DateOnly(2026, 12, 1), "ru");
        var second = ReleaseForm.New(new DateOnly(2026, 12, 1), "ru");

        Assert.NotEqual(first.RequestId, second.RequestId);
        Assert.NotEmpty(first.RequestId);
    }

    [Fact]
    public void A_new_release_without_a_date_leaves_it_to_the_service()
    {
        var form = ReleaseForm.New(new DateOnly(2026, 12, 1), "ru");
        form.ReleaseDate = "";

        Assert.Null(form.ToCreateRequest(Text, new FieldProblems())!.Release.ReleaseDate);
    }

    [Fact]
    public void A_date_that_is_not_one_and_a_missing_source_language_are_named_by_their_fields_and_nothing_is_sent()
    {
        var form = ReleaseForm.New(new DateOnly(2026, 12, 1), "");
        form.ReleaseDate = "2026-02-30";
        var problems = new FieldProblems();

        Assert.Null(form.ToCreateRequest(Text, problems));
        Assert.Equal(Text.DateInvalid, problems[nameof(ReleaseForm.ReleaseDate)]);
        Assert.Equal(Text.SourceLanguageRequired, problems[nameof(ReleaseForm.SourceLanguage)]);
    }

    [Fact]
    public void Saving_an_unchanged_release_sends_nothing()
    {
        var form = ReleaseForm.Of(Stored());

        Assert.False(form.HasChanges);
        Assert.Null(form.ToUpdateRequest(Text, new FieldProblems()));
        Assert.Null(form.ToSourceSubmission());
    }

    [Fact]
    public void The_update_names_only_the_changed_metadata_and_expects_the_release_revision_it_was_filled_from()
    {
        var form = ReleaseForm.Of(Stored(revision: 7));
        form.Category = "defence";
        form.Tags = "north, drills, ice";

        var update = form.ToUpdateRequest(Text, new FieldProblems());

        Assert.NotNull(update);
        Assert.Equal(["category", "tags"], update.UpdateMask.Paths);
        Assert.Equal(7, update.ExpectedRevision);
        Assert.Equal("release-1", update.Release.Id);
        Assert.Equal("defence", update.Release.Category);
        Assert.Equal(["north", "drills", "ice"], update.Release.Tags);
        Assert.Null(form.ToSourceSubmission());
    }

    [Fact]
    public void A_cleared_slug_and_a_new_date_are_sent_as_such()
    {
        var form = ReleaseForm.Of(Stored());
        form.Slug = "";
        form.ReleaseDate = "2026-12-24";

        var update = form.ToUpdateRequest(Text, new FieldProblems())!;

        Assert.Equal(["slug", "release_date"], update.UpdateMask.Paths);
        Assert.Equal("", update.Release.Slug);
        Assert.Equal(new Date { Year = 2026, Month = 12, Day = 24 }, update.Release.ReleaseDate);
    }

    [Fact]
    public void An_existing_release_needs_its_date()
    {
        var form = ReleaseForm.Of(Stored());
        form.ReleaseDate = " ";
        var problems = new FieldProblems();

        Assert.Null(form.ToUpdateRequest(Text, problems));
        Assert.Equal(Text.DateRequired, problems[nameof(ReleaseForm.ReleaseDate)]);
    }

    [Fact]
    public void A_changed_source_text_is_submitted_in_the_source_language_expecting_the_source_variant_revision()
    {
        var form = ReleaseForm.Of(Stored(revision: 7, sourceRevision: 4));
        form.Body = "Первый абзац, исправленный.\n\nВторой абзац.";
        form.Minor = true;

        var submission = form.ToSourceSubmission();

        Assert.NotNull(submission);
        Assert.Equal(("release-1", "ru", 4L), (submission.ReleaseId, submission.Language, submission.ExpectedRevision));
        Assert.Equal(("Учения", "Кратко.", "Первый абзац, исправленный.\n\nВторой абзац."), (submission.Title, submission.Lead, submission.Body));
        Assert.True(submission.Minor);
        Assert.False(submission.SubmitForReview);
        Assert.Null(form.ToUpdateRequest(Text, new FieldProblems()));
    }

    [Fact]
    public void White_space_at_the_ends_is_no_change()
    {
        var form = ReleaseForm.Of(Stored());
        form.Title = "Учения  ";
        form.Tags = " north ,drills";

        Assert.False(form.HasChanges);
    }

    [Fact]
    public void A_form_with_nothing_typed_shows_a_newer_version_as_it_is()
    {
        var form = ReleaseForm.Of(Stored(revision: 7));

        var outcome = form.Rebase(Stored(revision: 8, category: "defence"));

        Assert.Equal(RebaseOutcome.Reloaded, outcome);
        Assert.Equal("defence", form.Category);
        Assert.Equal(8, form.Base!.Revision);
    }

    [Fact]
    public void A_change_elsewhere_that_the_form_does_not_show_keeps_what_is_typed_and_moves_the_expected_revisions()
    {
        var form = ReleaseForm.Of(Stored(revision: 7, sourceRevision: 4));
        form.Category = "defence";
        form.Title = "Учения на севере";

        // A translation was submitted and the source reviewed: both revisions moved, nothing the form shows did.
        var outcome = form.Rebase(Stored(revision: 9, sourceRevision: 5));

        Assert.Equal(RebaseOutcome.Adopted, outcome);
        Assert.Equal("defence", form.Category);
        Assert.Equal(9, form.ToUpdateRequest(Text, new FieldProblems())!.ExpectedRevision);
        Assert.Equal(5, form.ToSourceSubmission()!.ExpectedRevision);
    }

    [Fact]
    public void A_change_elsewhere_to_what_the_form_shows_while_something_is_typed_makes_it_stale_and_keeps_the_typed_text()
    {
        var form = ReleaseForm.Of(Stored(revision: 7));
        form.Tags = "north, drills, ice";

        var outcome = form.Rebase(Stored(revision: 8, category: "defence"));

        Assert.Equal(RebaseOutcome.Stale, outcome);
        Assert.Equal("north, drills, ice", form.Tags);
        Assert.Equal("news", form.Category);
        Assert.Equal(7, form.ToUpdateRequest(Text, new FieldProblems())!.ExpectedRevision);
    }

    [Fact]
    public void A_version_no_newer_than_the_base_changes_nothing()
    {
        var form = ReleaseForm.Of(Stored(revision: 7));

        Assert.Equal(RebaseOutcome.Unchanged, form.Rebase(Stored(revision: 7, category: "defence")));
        Assert.Equal("news", form.Category);
    }

    [Fact]
    public void Saving_mine_over_theirs_sends_what_differs_from_theirs_at_their_revision()
    {
        var form = ReleaseForm.Of(Stored(revision: 7));
        form.Tags = "north, drills, ice";
        var theirs = Stored(revision: 8, category: "defence");

        form.Overwrite(theirs);
        var update = form.ToUpdateRequest(Text, new FieldProblems())!;

        // The form still shows the category it was filled with, so saving it over theirs puts it back.
        Assert.Equal(["category", "tags"], update.UpdateMask.Paths);
        Assert.Equal(8, update.ExpectedRevision);
    }

    [Fact]
    public void Loading_their_version_drops_what_was_typed()
    {
        var form = ReleaseForm.Of(Stored(revision: 7));
        form.Tags = "north, drills, ice";

        form.Reload(Stored(revision: 8, category: "defence"));

        Assert.Equal(("defence", "north, drills"), (form.Category, form.Tags));
        Assert.False(form.HasChanges);
    }

    private static Release Stored(long revision = 7, long sourceRevision = 4, string category = "news") => new()
    {
        Id = "release-1",
        Slug = "north-drills",
        ReleaseDate = new Date { Year = 2026, Month = 12, Day = 1 },
        Category = category,
        Tags = { "north", "drills" },
        SourceLanguage = "ru",
        Revision = revision,
        Variants =
        {
            new Variant { Language = "ru", Title = "Учения", Lead = "Кратко.", Body = "Первый абзац.\n\nВторой абзац.", Revision = sourceRevision, State = VariantState.Published },
            new Variant { Language = "en", Title = "Drills", Lead = "In short.", Body = "One.\n\nTwo.", Revision = 2, SourceRevision = sourceRevision, State = VariantState.InReview },
        },
        UpdateTime = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero)),
    };
}
