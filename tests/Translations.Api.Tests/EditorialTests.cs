using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Translations.Tests.Infrastructure;
using Translations.V1;

namespace Translations.Tests;

[Trait("Database", "Each")]
public sealed class EditorialTests(TranslationsApp app) : IClassFixture<TranslationsApp>
{
    [Fact]
    public async Task Created_release_is_read_back_by_id_and_by_slug()
    {
        var slug = Requests.Unique("summit");
        var created = await app.CreateAsync(Requests.NewRelease(slug: slug, title: "Саммит", lead: "Кратко", tags: ["odkb", "summit"]));

        Assert.Matches("^[0-9a-f]{32}$", created.Id);
        Assert.Equal(1, created.Revision);
        Assert.Equal("ru", created.SourceLanguage);
        var source = Assert.Single(created.Variants);
        Assert.Equal(("ru", "Саммит", "Кратко", 1L, "editor-1"), (source.Language, source.Title, source.Lead, source.Revision, source.Author));

        var byId = await app.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = created.Id });
        var bySlug = await app.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Slug = slug });
        Assert.Equal(created, byId.Release);
        Assert.Equal(created, bySlug.Release);
        Assert.Equal(["odkb", "summit"], byId.Release.Tags);
        Assert.Equal(Requests.Date(2024, 4, 24), byId.Release.ReleaseDate);
        Assert.Equal("", byId.ServedLanguage);
    }

    [Fact]
    public async Task Text_is_stored_in_nfc_with_outer_white_space_trimmed()
    {
        var decomposed = "Е\u0308лка";   // Е + combining diaeresis
        var created = await app.CreateAsync(Requests.NewRelease(title: "  " + decomposed + "\t", body: "\n Абзац один.\n\nАбзац два. \n"));

        var variant = created.Variants[0];
        Assert.Equal("Ёлка", variant.Title);
        Assert.Equal("Абзац один.\n\nАбзац два.", variant.Body);
    }

    [Fact]
    public async Task Release_date_defaults_to_today_when_unset()
    {
        var request = Requests.NewRelease();
        request.Release.ReleaseDate = null;
        var created = await app.CreateAsync(request);

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(Requests.Date(today.Year, today.Month, today.Day), created.ReleaseDate);
    }

    [Fact]
    public async Task Create_names_every_bad_field()
    {
        var request = Requests.NewRelease(title: "", body: "bad \u0007 bell", slug: "Not A Slug", date: Requests.Date(2024, 2, 30),
            category: "News!", tags: Enumerable.Range(0, 21).Select(i => $"tag{i}"), requestId: "has space");
        request.Release.Variants[0].Lead = new string('x', 2001);

        var error = await Requests.FailsAsync(app.Editorial.CreateReleaseAsync(request));

        Assert.Equal(
            ["release.category", "release.release_date", "release.slug", "release.tags", "release.variants[0].body",
             "release.variants[0].lead", "release.variants[0].title", "request_id"],
            error.ViolatedFields().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("de")]
    [InlineData("EN")]
    [InlineData("english")]
    public async Task Unsupported_or_upper_case_language_is_invalid(string language)
    {
        var error = await Requests.FailsAsync(app.Editorial.CreateReleaseAsync(Requests.NewRelease(language: language)));

        Assert.Contains("release.source_language", error.ViolatedFields());
    }

    [Fact]
    public async Task Release_must_be_created_with_exactly_its_source_variant()
    {
        var request = Requests.NewRelease();
        request.Release.Variants.Add(new Variant { Language = "en", Title = "Title", Body = "Body" });
        var twoVariants = await Requests.FailsAsync(app.Editorial.CreateReleaseAsync(request));

        var mismatch = Requests.NewRelease(language: "ru");
        mismatch.Release.Variants[0].Language = "en";
        var wrongLanguage = await Requests.FailsAsync(app.Editorial.CreateReleaseAsync(mismatch));

        Assert.Equal(["release.variants"], twoVariants.ViolatedFields());
        Assert.Equal(["release.variants[0].language"], wrongLanguage.ViolatedFields());
    }

    [Fact]
    public async Task Source_language_defaults_to_the_language_of_the_source_variant()
    {
        var request = Requests.NewRelease(language: "en");
        request.Release.SourceLanguage = "";

        var created = await app.CreateAsync(request);

        Assert.Equal("en", created.SourceLanguage);
    }

    [Fact]
    public async Task Duplicate_slug_is_already_exists()
    {
        var slug = Requests.Unique("taken");
        await app.CreateAsync(Requests.NewRelease(slug: slug));

        var error = await Requests.FailsAsync(app.Editorial.CreateReleaseAsync(Requests.NewRelease(slug: slug)));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Equal("SLUG_TAKEN", error.ErrorInfo().Reason);
    }

    [Fact]
    public async Task Retried_create_with_the_same_request_id_returns_the_first_release_and_writes_nothing()
    {
        var category = Requests.Unique("retry");
        var request = Requests.NewRelease(category: category, requestId: Requests.Unique("req"));

        var first = await app.CreateAsync(request);
        var retried = await app.CreateAsync(request);

        Assert.Equal(first, retried);
        var stored = await app.Releases.QueryReleases(new QueryReleasesRequest { View = ReleaseView.Draft, Filter = new() { Categories = { category } } }).ReadAllAsync();
        Assert.Single(stored);
    }

    [Fact]
    public async Task Concurrent_retries_of_one_create_make_one_release()
    {
        var category = Requests.Unique("concurrent-retry");
        var request = Requests.NewRelease(category: category, requestId: Requests.Unique("req"));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => app.CreateAsync(request))));

        Assert.Single(results.Select(r => r.Id).Distinct());
        var stored = await app.Releases.QueryReleases(new QueryReleasesRequest { View = ReleaseView.Draft, Filter = new() { Categories = { category } } }).ReadAllAsync();
        Assert.Single(stored);
    }

    [Fact]
    public async Task Request_id_reused_with_another_payload_is_already_exists()
    {
        var requestId = Requests.Unique("req");
        await app.CreateAsync(Requests.NewRelease(title: "Первый", requestId: requestId));

        var error = await Requests.FailsAsync(app.Editorial.CreateReleaseAsync(Requests.NewRelease(title: "Второй", requestId: requestId)));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Equal("REQUEST_ID_REUSED", error.ErrorInfo().Reason);
    }

    [Fact]
    public async Task Update_changes_only_the_masked_fields_and_bumps_the_revision()
    {
        var created = await app.CreateAsync(Requests.NewRelease(slug: Requests.Unique("before"), tags: ["a"]));
        var newSlug = Requests.Unique("after");

        var updated = (await app.Editorial.UpdateReleaseAsync(new UpdateReleaseRequest
        {
            Release = new Release { Id = created.Id, Slug = newSlug, Category = "ignored", Tags = { "b", "c" }, ReleaseDate = Requests.Date(2020, 12, 2) },
            UpdateMask = new FieldMask { Paths = { "slug", "tags", "release_date" } },
            ExpectedRevision = created.Revision,
        })).Release;

        Assert.Equal(2, updated.Revision);
        Assert.Equal(newSlug, updated.Slug);
        Assert.Equal(["b", "c"], updated.Tags);
        Assert.Equal(Requests.Date(2020, 12, 2), updated.ReleaseDate);
        Assert.Equal("news", updated.Category);
        Assert.Equal(created.Variants, updated.Variants);
        var read = await app.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Slug = newSlug });
        Assert.Equal(updated, read.Release);
    }

    [Fact]
    public async Task Stale_expected_revision_is_aborted_with_the_current_revision()
    {
        var created = await app.CreateAsync(Requests.NewRelease());
        await app.Translation.SubmitVariantAsync(Requests.Variant(created.Id, "en"));

        var error = await Requests.FailsAsync(app.Editorial.UpdateReleaseAsync(new UpdateReleaseRequest
        {
            Release = new Release { Id = created.Id, Category = "events" },
            UpdateMask = new FieldMask { Paths = { "category" } },
            ExpectedRevision = created.Revision,
        }));

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        var info = error.ErrorInfo();
        Assert.Equal("REVISION_MISMATCH", info.Reason);
        Assert.Equal("2", info.Metadata["current_revision"]);
        var read = await app.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = created.Id });
        Assert.Equal("news", read.Release.Category);
    }

    [Fact]
    public async Task Update_without_a_mask_or_with_an_unknown_path_is_invalid()
    {
        var created = await app.CreateAsync(Requests.NewRelease());

        var noMask = await Requests.FailsAsync(app.Editorial.UpdateReleaseAsync(new UpdateReleaseRequest
        {
            Release = new Release { Id = created.Id }, ExpectedRevision = 1,
        }));
        var unknown = await Requests.FailsAsync(app.Editorial.UpdateReleaseAsync(new UpdateReleaseRequest
        {
            Release = new Release { Id = created.Id }, UpdateMask = new FieldMask { Paths = { "source_language" } }, ExpectedRevision = 0,
        }));

        Assert.Equal(["update_mask"], noMask.ViolatedFields());
        Assert.Equal(["expected_revision", "update_mask"], unknown.ViolatedFields().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Update_to_a_slug_another_release_has_is_already_exists()
    {
        var slug = Requests.Unique("first");
        await app.CreateAsync(Requests.NewRelease(slug: slug));
        var second = await app.CreateAsync(Requests.NewRelease());

        var error = await Requests.FailsAsync(app.Editorial.UpdateReleaseAsync(new UpdateReleaseRequest
        {
            Release = new Release { Id = second.Id, Slug = slug }, UpdateMask = new FieldMask { Paths = { "slug" } }, ExpectedRevision = 1,
        }));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
    }

    [Fact]
    public async Task Deleted_release_is_gone_with_its_variants_and_frees_its_slug()
    {
        var slug = Requests.Unique("gone");
        var created = await app.CreateAsync(Requests.NewRelease(slug: slug));
        await app.Translation.SubmitVariantAsync(Requests.Variant(created.Id, "en"));

        var stale = await Requests.FailsAsync(app.Editorial.DeleteReleaseAsync(new DeleteReleaseRequest { Id = created.Id, ExpectedRevision = 1 }));
        await app.Editorial.DeleteReleaseAsync(new DeleteReleaseRequest { Id = created.Id, ExpectedRevision = 2 });

        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        var get = await Requests.FailsAsync(app.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = created.Id }));
        Assert.Equal(StatusCode.NotFound, get.StatusCode);
        var history = await Requests.FailsAsync(() => app.Translation.ListVariantRevisions(
            new ListVariantRevisionsRequest { ReleaseId = created.Id, Language = "en" }).ReadAllAsync());
        Assert.Equal(StatusCode.NotFound, history.StatusCode);
        await app.CreateAsync(Requests.NewRelease(slug: slug));
    }

    [Fact]
    public async Task Deleting_an_unknown_release_is_not_found()
    {
        var error = await Requests.FailsAsync(app.Editorial.DeleteReleaseAsync(new DeleteReleaseRequest { Id = Guid.NewGuid().ToString("N"), ExpectedRevision = 1 }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }
}
