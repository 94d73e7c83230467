using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Translations.Changes;
using Translations.Tests.Infrastructure;
using Translations.V1;

namespace Translations.Tests;

/// <summary>The seam between replay and live, under concurrent writers and repeated reconnections.</summary>
[Trait("Database", "Each")]
[Collection(nameof(RunsAlone))]
public sealed class WatchConcurrencyTests(ITestOutputHelper output)
{
    private const int Writers = 8;
    private const int ChangesPerWriter = 625;
    private const int Changes = Writers * ChangesPerWriter;

    [Fact]
    public async Task Two_watchers_one_reconnecting_see_every_one_of_5000_concurrent_changes_exactly_once_in_order()
    {
        await using var app = new TranslationsApp();
        await app.InitializeAsync();
        var clock = Stopwatch.StartNew();

        var writing = Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(app, w))).ToArray();
        // Some changes are stored before anyone watches, so both watchers replay, then go live while the writers go on.
        while (await app.LastSequenceAsync() < 300)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        var steady = Task.Run(() => WatchAsync(app, reconnect: null));
        var reconnects = 0;
        var reconnecting = Task.Run(() => WatchAsync(app, reconnect: () => reconnects++));
        await Task.WhenAll(writing);
        var written = clock.Elapsed;
        var seenBySteady = await steady;
        var seenByReconnecting = await reconnecting;

        var stored = (await app.StoredChangesAsync()).Select(c => (c.Sequence, c.ReleaseId, c.Revision)).ToList();
        Assert.Equal(Enumerable.Range(1, Changes).Select(i => (long)i), stored.Select(c => c.Sequence));
        Assert.Equal(stored, seenBySteady);
        Assert.Equal(stored, seenByReconnecting);
        Assert.True(reconnects >= 10, $"The reconnecting watcher reconnected only {reconnects} times.");
        // Every dropped stream let go of its place with the follower.
        var live = app.Services.GetRequiredService<LiveWatchers>();
        for (var until = DateTime.UtcNow + Watching.Patience; live.Count > 0 && DateTime.UtcNow < until;)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        Assert.Equal(0, live.Count);
        output.WriteLine($"{Changes} changes written in {written.TotalSeconds:F1} s; both watchers complete after {clock.Elapsed.TotalSeconds:F1} s; {reconnects} reconnections.");
    }

    /// <summary>Each writer creates releases and submits English variants to them: one change event per call.</summary>
    private static async Task WriteAsync(TranslationsApp app, int writer)
    {
        var release = "";
        long englishRevision = 0;
        for (var i = 0; i < ChangesPerWriter; i++)
        {
            if (i % 4 == 0)
            {
                release = (await app.CreateAsync(Requests.NewRelease(title: $"Writer {writer}, release {i}"))).Id;
                englishRevision = 0;
            }
            else
            {
                var submitted = await app.Translation.SubmitVariantAsync(Requests.Variant(release, "en", title: $"Take {i}", expectedRevision: englishRevision));
                englishRevision = submitted.Variant.Revision;
            }
        }
    }

    /// <summary>
    /// Watches from the first sequence until the last change; with <paramref name="reconnect"/>, drops the
    /// stream after a random number of events and resumes with the last sequence it saw.
    /// </summary>
    private static async Task<List<(long Sequence, string ReleaseId, long Revision)>> WatchAsync(TranslationsApp app, Action? reconnect)
    {
        var random = new Random(reconnect is null ? 1 : 2);
        var seen = new List<(long, string, long)>();
        long last = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (last < Changes)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
            using var watch = app.Releases.Watch(after: last, cancellationToken: stop.Token);
            var take = reconnect is null ? int.MaxValue : random.Next(1, 400);
            while (take-- > 0 && last < Changes && await watch.ResponseStream.MoveNext(stop.Token))
            {
                var change = watch.ResponseStream.Current.Event;
                seen.Add((change.Sequence, change.ReleaseId, change.Revision));
                last = change.Sequence;
            }
            stop.Cancel();
            reconnect?.Invoke();
        }
        return seen;
    }
}
