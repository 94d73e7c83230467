using Grpc.Core;
using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests;

/// <summary>WatchReleases on one replica: what an event says, replay then live, filters, include_release, bad requests.</summary>
[Trait("Database", "Each")]
public sealed class WatchTests(TranslationsApp app) : IClassFixture<TranslationsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Watch_from_now_delivers_each_new_change_with_what_was_recorded()
    {
        using var watch = app.Releases.Watch(cancellationToken: Ct);
        var after = await watch.StartsAfterAsync();
        Assert.Equal(await app.LastSequenceAsync(), after);

        var created = await app.CreateAsync(Requests.NewRelease(category: "sport"));
        await app.Translation.SubmitVariantAsync(Requests.Variant(created.Id, "en"), cancellationToken: Ct);
        var updated = (await app.Editorial.UpdateReleaseAsync(new UpdateReleaseRequest
        {
            Release = new Release { Id = created.Id, Category = "culture" }, UpdateMask = new() { Paths = { "category" } }, ExpectedRevision = 2,
        }, cancellationToken: Ct)).Release;
        await app.Editorial.DeleteReleaseAsync(new DeleteReleaseRequest { Id = created.Id, ExpectedRevision = updated.Revision }, cancellationToken: Ct);
        var events = await watch.ReadEventsAsync(4);

        Assert.Equal([after + 1, after + 2, after + 3, after + 4], events.Select(e => e.Sequence));
        Assert.All(events, e => Assert.Equal(created.Id, e.ReleaseId));
        Assert.Equal(
            [ReleaseEventType.Created, ReleaseEventType.VariantSubmitted, ReleaseEventType.MetadataUpdated, ReleaseEventType.Deleted],
            events.Select(e => e.Type));
        Assert.Equal(["ru", "en", "", ""], events.Select(e => e.Language));
        Assert.Equal(["sport", "sport", "culture", "culture"], events.Select(e => e.Category));
        Assert.Equal([1L, 2, 3, 4], events.Select(e => e.Revision));
        Assert.All(events, e => Assert.Equal(TranslationsApp.DefaultCaller.Subject, e.Actor));
        Assert.All(events, e => Assert.InRange(e.Time.ToDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow));
        Assert.All(events, e => Assert.Null(e.Release));
    }

    [Fact]
    public async Task Watch_replays_the_stored_events_then_delivers_new_ones_with_nothing_missing_or_repeated()
    {
        var before = await app.LastSequenceAsync();
        for (var i = 0; i < 5; i++)
        {
            await app.CreateAsync(Requests.NewRelease(title: $"Stored {i}"));
        }

        using var watch = app.Releases.Watch(after: before, cancellationToken: Ct);
        var replayed = await watch.ReadEventsAsync(5);
        for (var i = 0; i < 3; i++)
        {
            await app.CreateAsync(Requests.NewRelease(title: $"Live {i}"));
        }
        var live = await watch.ReadEventsAsync(3);

        Assert.Equal(Enumerable.Range(1, 8).Select(i => before + i), replayed.Concat(live).Select(e => e.Sequence));
        Assert.Equal(before, await watch.StartsAfterAsync());
    }

    [Fact]
    public async Task Resuming_with_the_last_sequence_seen_continues_right_after_it()
    {
        var before = await app.LastSequenceAsync();
        for (var i = 0; i < 6; i++)
        {
            await app.CreateAsync(Requests.NewRelease());
        }
        long last;
        using (var first = app.Releases.Watch(after: before, cancellationToken: Ct))
        {
            last = (await first.ReadEventsAsync(2))[^1].Sequence;
        }

        using var resumed = app.Releases.Watch(after: last, cancellationToken: Ct);
        var events = await resumed.ReadEventsAsync(4);

        Assert.Equal(Enumerable.Range(3, 4).Select(i => before + i), events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Languages_filter_delivers_changes_of_those_variants_and_changes_of_the_whole_release()
    {
        var before = await app.LastSequenceAsync();
        var russian = await app.CreateAsync(Requests.NewRelease(language: "ru"));
        var english = await app.CreateAsync(Requests.NewRelease(language: "en", title: "Summit"));
        await app.Translation.SubmitVariantAsync(Requests.Variant(russian.Id, "en"), cancellationToken: Ct);
        await app.Translation.SubmitVariantAsync(Requests.Variant(english.Id, "ru", title: "Саммит"), cancellationToken: Ct);
        await app.Editorial.DeleteReleaseAsync(new DeleteReleaseRequest { Id = russian.Id, ExpectedRevision = 2 }, cancellationToken: Ct);

        using var watch = app.Releases.Watch(after: before, r => r.Languages.Add("en"), Ct);
        var events = await watch.ReadEventsAsync(3);

        Assert.Equal(
            [(english.Id, ReleaseEventType.Created, "en"), (russian.Id, ReleaseEventType.VariantSubmitted, "en"), (russian.Id, ReleaseEventType.Deleted, "")],
            events.Select(e => (e.ReleaseId, e.Type, e.Language)));
    }

    [Fact]
    public async Task Categories_filter_uses_the_category_each_change_was_made_in()
    {
        var before = await app.LastSequenceAsync();
        var moved = await app.CreateAsync(Requests.NewRelease(category: "sport"));
        await app.CreateAsync(Requests.NewRelease(category: "news"));
        await app.Editorial.UpdateReleaseAsync(new UpdateReleaseRequest
        {
            Release = new Release { Id = moved.Id, Category = "news" }, UpdateMask = new() { Paths = { "category" } }, ExpectedRevision = 1,
        }, cancellationToken: Ct);
        await app.Translation.SubmitVariantAsync(Requests.Variant(moved.Id, "en"), cancellationToken: Ct);
        var marker = await app.CreateAsync(Requests.NewRelease(category: "sport"));

        using var watch = app.Releases.Watch(after: before, r => r.Categories.Add("sport"), Ct);
        var events = await watch.ReadEventsAsync(2);

        Assert.Equal([(moved.Id, ReleaseEventType.Created), (marker.Id, ReleaseEventType.Created)], events.Select(e => (e.ReleaseId, e.Type)));
    }

    [Fact]
    public async Task Event_types_filter_delivers_only_those_types()
    {
        var before = await app.LastSequenceAsync();
        var first = await app.CreateAsync(Requests.NewRelease());
        await app.Translation.SubmitVariantAsync(Requests.Variant(first.Id, "en"), cancellationToken: Ct);
        var second = await app.CreateAsync(Requests.NewRelease());
        await app.Editorial.DeleteReleaseAsync(new DeleteReleaseRequest { Id = first.Id, ExpectedRevision = 2 }, cancellationToken: Ct);
        await app.Translation.SubmitVariantAsync(Requests.Variant(second.Id, "en"), cancellationToken: Ct);

        using var watch = app.Releases.Watch(after: before, r => r.EventTypes.Add([ReleaseEventType.VariantSubmitted, ReleaseEventType.Deleted]), Ct);
        var events = await watch.ReadEventsAsync(3);

        Assert.Equal(
            [(first.Id, ReleaseEventType.VariantSubmitted), (first.Id, ReleaseEventType.Deleted), (second.Id, ReleaseEventType.VariantSubmitted)],
            events.Select(e => (e.ReleaseId, e.Type)));
    }

    [Fact]
    public async Task Include_release_attaches_the_release_as_it_is_when_delivered_and_none_once_deleted()
    {
        var before = await app.LastSequenceAsync();
        var kept = await app.CreateAsync(Requests.NewRelease(title: "Первый"));
        await app.Translation.SubmitVariantAsync(Requests.Variant(kept.Id, "en", title: "First"), cancellationToken: Ct);
        var gone = await app.CreateAsync(Requests.NewRelease());
        await app.Editorial.DeleteReleaseAsync(new DeleteReleaseRequest { Id = gone.Id, ExpectedRevision = 1 }, cancellationToken: Ct);

        using var watch = app.Releases.Watch(after: before, r => { r.IncludeRelease = true; r.View = ReleaseView.Draft; }, Ct);
        var events = await watch.ReadEventsAsync(4);

        // The created event (revision 1) already carries the release at revision 2, with English.
        Assert.Equal(1, events[0].Revision);
        Assert.Equal(2, events[0].Release.Revision);
        Assert.Equal(["ru", "en"], events[0].Release.Variants.Select(v => v.Language));
        Assert.Equal("First", events[1].Release.Variants[1].Title);
        Assert.Null(events[2].Release);   // created, but deleted since
        Assert.Null(events[3].Release);   // the delete itself
        await app.Translation.SubmitVariantAsync(Requests.Variant(kept.Id, "en", title: "First, revised", expectedRevision: 1), cancellationToken: Ct);
        var live = (await watch.ReadEventsAsync(1))[0];
        Assert.Equal(3, live.Release.Revision);
        Assert.Equal("First, revised", live.Release.Variants[1].Title);
    }

    [Fact]
    public async Task Bad_watch_request_is_invalid_argument_naming_every_bad_field()
    {
        using var watch = app.Releases.Watch(after: -1, r =>
        {
            r.Languages.Add(["en", "EN", "de"]);
            r.Categories.Add(["news", "Not a category"]);
            r.EventTypes.Add([ReleaseEventType.Created, ReleaseEventType.Unspecified, (ReleaseEventType)99]);
        }, Ct);

        var error = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(Ct));

        Assert.Equal(["after_sequence", "languages[1]", "languages[2]", "categories[1]", "event_types[1]", "event_types[2]"], error.ViolatedFields());
    }

    [Fact]
    public async Task Resuming_after_a_sequence_this_service_never_reached_is_out_of_range()
    {
        var last = await app.LastSequenceAsync();
        using var watch = app.Releases.Watch(after: last + 1000, cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(Ct));

        Assert.Equal(StatusCode.OutOfRange, error.StatusCode);
        Assert.Equal("SEQUENCE_AHEAD", error.ErrorInfo().Reason);
        Assert.Contains("QueryReleases", error.Status.Detail);
    }

    [Fact]
    public async Task Watch_works_with_the_release_cache_turned_off()
    {
        await using var uncached = new TranslationsApp().With("Cache:Enabled", "false");
        await uncached.InitializeAsync();
        using var watch = uncached.Releases.Watch(configure: r => { r.IncludeRelease = true; r.View = ReleaseView.Draft; }, cancellationToken: Ct);
        var after = await watch.StartsAfterAsync();

        var created = await uncached.CreateAsync(Requests.NewRelease());
        var change = (await watch.ReadEventsAsync(1))[0];

        Assert.Equal((after + 1, created.Id, 1L), (change.Sequence, change.ReleaseId, change.Release.Revision));
    }

    [Fact]
    public async Task Reader_may_watch()
    {
        var reader = app.As(new TokenClaims("site-reader", "reader"));
        using var watch = reader.Releases.Watch(configure: r => r.View = ReleaseView.Published, cancellationToken: Ct);
        var after = await watch.StartsAfterAsync();

        var published = await app.CreatePublishedAsync(Requests.NewRelease());
        var events = await watch.ReadEventsAsync(1);

        Assert.Equal((published.Revision, published.Id, ReleaseEventType.VariantPublished), (events[0].Revision, events[0].ReleaseId, events[0].Type));
        Assert.True(events[0].Sequence > after);
    }
}
