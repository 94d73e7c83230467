using Grpc.Core;
using Translations.Tests.Infrastructure;
using Translations.V1;

namespace Translations.Tests;

/// <summary>What bounds a watch: the backlog a slow watcher may build, and how long events are kept.</summary>
public sealed class WatchLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Watcher_that_stops_reading_is_ended_with_resource_exhausted_while_writers_and_other_watchers_go_on()
    {
        await using var app = new TranslationsApp().With("Changes:MaxWatchBacklog", "50");
        await app.InitializeAsync();
        const int Writes = 200;
        // Large messages fill the transport's buffers after a few events; from then on the backlog grows.
        using var slow = app.Releases.Watch(after: 0, r => { r.IncludeRelease = true; r.View = ReleaseView.Draft; }, Ct);
        await slow.ResponseHeadersAsync;
        using var other = app.Releases.Watch(after: 0, cancellationToken: Ct);
        var othersEvents = Task.Run(() => other.ReadEventsAsync(Writes));

        var body = string.Join("\n\n", Enumerable.Repeat(new string('ж', 1_000), 20));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < Writes / 4; i++)
            {
                await app.CreateAsync(Requests.NewRelease(title: $"Writer {w}, {i}", body: body));
            }
        })));
        Assert.Equal(Enumerable.Range(1, Writes).Select(i => (long)i), (await othersEvents).Select(e => e.Sequence));

        var delivered = new List<long>();
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        patience.CancelAfter(TimeSpan.FromSeconds(60)); // a watcher that is never ended would otherwise wait forever
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await slow.ResponseStream.MoveNext(patience.Token))
            {
                delivered.Add(slow.ResponseStream.Current.Event.Sequence);
            }
        });
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("WATCHER_TOO_SLOW", error.ErrorInfo().Reason);
        var last = long.Parse(error.ErrorInfo().Metadata["last_sequence"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(delivered[^1], last);
        Assert.Equal(Enumerable.Range(1, delivered.Count).Select(i => (long)i), delivered);
        Assert.True(last < Writes, "The slow watcher was ended only after it had everything.");

        using var resumed = app.Releases.Watch(after: last, cancellationToken: Ct);
        var rest = await resumed.ReadEventsAsync(Writes - (int)last);
        Assert.Equal(Enumerable.Range((int)last + 1, Writes - (int)last).Select(i => (long)i), rest.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Resuming_from_before_the_kept_events_is_out_of_range_and_the_newest_event_is_always_kept()
    {
        await using var app = new TranslationsApp()
            .With("Changes:Retention", "00:00:02").With("Cache:Expiration", "00:00:01").With("Cache:LocalExpiration", "00:00:01");
        await app.InitializeAsync();
        for (var i = 0; i < 3; i++)
        {
            await app.CreateAsync(Requests.NewRelease());
        }
        var until = DateTime.UtcNow + Watching.Patience;
        while ((await app.StoredChangesAsync()).Count > 1)
        {
            Assert.True(DateTime.UtcNow < until, "Expired change events were not deleted.");
            await Task.Delay(100, Ct);
        }
        Assert.Equal(3, (await app.StoredChangesAsync()).Single().Sequence);

        using var expired = app.Releases.Watch(after: 1, cancellationToken: Ct);
        var error = await Assert.ThrowsAsync<RpcException>(() => expired.ResponseStream.MoveNext(Ct));
        Assert.Equal(StatusCode.OutOfRange, error.StatusCode);
        Assert.Equal("EVENTS_EXPIRED", error.ErrorInfo().Reason);
        Assert.Equal("3", error.ErrorInfo().Metadata["oldest_sequence"]);
        Assert.Contains("QueryReleases", error.Status.Detail);

        using var resumed = app.Releases.Watch(after: 2, cancellationToken: Ct);
        var created = await app.CreateAsync(Requests.NewRelease());
        Assert.Equal([3L, 4], (await resumed.ReadEventsAsync(2)).Select(e => e.Sequence));
        Assert.Equal(4, (await app.StoredChangesAsync()).Last().Sequence);
        Assert.NotNull(created);
    }

    [Fact]
    public async Task Retention_shorter_than_twice_the_cache_entry_lifetime_stops_start_up()
    {
        var settings = BuiltProgram.ServiceSettings();
        settings["Changes__Retention"] = "00:15:00";
        settings["Cache__Expiration"] = "00:10:00";

        var run = await BuiltProgram.RunServiceAsync(settings);

        run.AssertStartRefused("Changes__Retention (00:15:00) must be at least twice", "Changes__Retention");
    }
}
