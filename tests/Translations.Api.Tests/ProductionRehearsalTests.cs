using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Translations.Testing;
using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests;

/// <summary>
/// What the production overlay describes, on loopback: three replicas on one PostgreSQL database and
/// one Redis, exporting OTLP to a local receiver, behind a stand-in for the Kubernetes Service that
/// follows readiness. Writers, readers and resuming watchers run for TRANSLATIONS_REHEARSAL_SECONDS
/// (30 by default); a third of the way in one replica is stopped with SIGTERM and started again, two
/// thirds in another is killed with SIGKILL and started again. The report goes to the test output and,
/// when TRANSLATIONS_REHEARSAL_REPORT names a file, to that file.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed partial class ProductionRehearsalTests : IAsyncLifetime
{
    private const int WritersPerReplica = 2;

    /// <summary>Created, translation submitted, two reviews, two languages published.</summary>
    private const int EventsPerRelease = 6;
    private static readonly TimeSpan DrainingDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DrainingTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ExitSlack = TimeSpan.FromSeconds(5);
    private static readonly TokenClaims Editor = new("rehearsal-editor", "editor");
    private static readonly TokenClaims Reader = new("rehearsal-reader", "reader");

    private readonly RedisServer _redis = new();
    private readonly List<ServiceProcess> _started = [];
    private readonly ConcurrentDictionary<ServiceProcess, string> _stopped = new();
    private PostgreSqlServer _postgres = null!;
    private string _database = null!;
    private OtlpReceiver _otlp = null!;
    private Dictionary<string, string> _settings = null!;
    private ReplicaBalancer _balancer = null!;
    private CallTally _tally = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TimeSpan Duration => TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("TRANSLATIONS_REHEARSAL_SECONDS"), out var seconds) && seconds > 0 ? seconds : 30);

    public async ValueTask InitializeAsync()
    {
        await _redis.InitializeAsync();
        _postgres = await PostgreSqlServer.SharedAsync();
        _database = await _postgres.CreateDatabaseAsync();
        _otlp = await OtlpReceiver.StartAsync();
        // The production overlay's settings (k8s/base and k8s/overlays/production), with local addresses.
        _settings = BuiltProgram.ServiceSettings();
        _settings["Storage__Provider"] = "PostgreSql";
        _settings["ConnectionStrings__Releases"] = _postgres.ConnectionString(_database);
        _settings["ConnectionStrings__Redis"] = _redis.ConnectionString;
        _settings["OTEL_SERVICE_NAME"] = "translations";
        _settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = _otlp.Endpoint;
        _settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        _settings["Draining__Delay"] = DrainingDelay.ToString();
        _settings["Draining__Timeout"] = DrainingTimeout.ToString();
        // The first replica migrates the empty database; the other two start on the migrated one.
        await StartAsync();
        await Task.WhenAll(StartAsync(), StartAsync());
        _balancer = new ReplicaBalancer(_started);
        _tally = new CallTally(_balancer);
    }

    // Also after a start that failed part-way, so that no redis-server or replica outlives the test.
    public async ValueTask DisposeAsync()
    {
        if (_balancer is not null)
        {
            await _balancer.DisposeAsync();
        }
        foreach (var replica in _started)
        {
            await replica.DisposeAsync();
        }
        if (_otlp is not null)
        {
            await _otlp.DisposeAsync();
        }
        await _redis.DisposeAsync();
        if (_database is not null)
        {
            await _postgres.DropDatabaseAsync(_database);
        }
    }

    [Fact]
    public async Task Three_replicas_under_load_through_a_SIGTERM_and_a_SIGKILL_lose_no_write_and_no_watcher_loses_or_repeats_an_event()
    {
        var clock = Stopwatch.StartNew();
        while (!Enumerable.Range(0, _balancer.Count).All(slot => _balancer.IsReady(_balancer[slot])))
        {
            await Task.Delay(50, Ct);
        }
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var watchers = Enumerable.Range(0, _balancer.Count).SelectMany(slot => new[]
        {
            new ResumingWatch(Editor, ReleaseView.Draft, ended => Opening(slot, ended)),
            new ResumingWatch(Reader, ReleaseView.Published, ended => Opening(slot, ended)),
        }).ToList();
        var watching = watchers.Select(w => w.RunAsync(stopWatching.Token)).ToList();

        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var acknowledged = new ConcurrentQueue<(string Id, long Revision)>();
        var published = new List<(string Id, TimeSpan At)>();
        var loadStarted = clock.Elapsed;
        var load = Enumerable.Range(0, _balancer.Count).SelectMany(slot =>
            Enumerable.Range(0, WritersPerReplica).Select(writer => WriteAsync(slot, writer, acknowledged, published, clock, stopLoad.Token))
                .Append(ReadAsync(slot, published, clock, stopLoad.Token))
                .Append(QueryAsync(slot, stopLoad.Token))).ToList();
        // The load goes on until the duration is over and the killed replica's successor is serving.
        var disruption = await DisruptAsync(clock, loadStarted);
        var remaining = Duration - (clock.Elapsed - loadStarted);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, Ct);
        }
        await stopLoad.CancelAsync();
        await Task.WhenAll(load);
        var loadTook = clock.Elapsed - loadStarted;

        // The database as it is now, and every watcher caught up with it.
        var (newest, stored) = await StoredReleases.ReadAsync(_postgres.ConnectionString(_database), Ct);
        var draftWatchers = watchers.Where(w => w.View == ReleaseView.Draft).ToList();
        var publishedWatchers = watchers.Where(w => w.View == ReleaseView.Published).ToList();
        foreach (var watcher in draftWatchers)
        {
            await watcher.CaughtUpAsync(newest, Ct);
        }
        var publishedEvents = draftWatchers[0].Events.Where(e => e.Type == ReleaseEventType.VariantPublished).Select(e => e.Sequence).ToList();
        foreach (var watcher in publishedWatchers)
        {
            await watcher.CaughtUpAsync(publishedEvents.LastOrDefault(), Ct);
        }
        await stopWatching.CancelAsync();
        await Task.WhenAll(watching);
        var expected = new Dictionary<ResumingWatch, IReadOnlyList<long>>();
        foreach (var watcher in watchers)
        {
            expected[watcher] = watcher.View == ReleaseView.Draft ? Enumerable.Range(1, (int)newest).Select(s => (long)s).ToList() : publishedEvents;
        }

        var traces = await _otlp.WaitUntilHoldsAsync("traces", "rpc.system", TimeSpan.FromSeconds(15));
        var getSpan = await _otlp.WaitUntilHoldsAsync("traces", "translations.v1.ReleaseService/GetRelease", TimeSpan.FromSeconds(15));
        var metrics = await _otlp.WaitUntilHoldsAsync("metrics", "http.server.request.duration", TimeSpan.FromSeconds(15)) || _otlp.Count("metrics") > 0;

        var report = Report(loadTook, disruption, stored.Count, newest, watchers, expected, (traces, getSpan, metrics));
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        if (Environment.GetEnvironmentVariable("TRANSLATIONS_REHEARSAL_REPORT") is { Length: > 0 } file)
        {
            await File.WriteAllTextAsync(file, report, Ct);
        }

        Assert.True(disruption.ExitCode == 0, $"The replica stopped with SIGTERM exited with {disruption.ExitCode}.");
        Assert.True(disruption.Exited <= DrainingDelay + DrainingTimeout + ExitSlack,
            $"The replica stopped with SIGTERM took {disruption.Exited.TotalSeconds:F1} s to exit, more than Draining__Delay + Draining__Timeout + {ExitSlack.TotalSeconds} s.");
        Assert.True(disruption.SigkillAt < loadTook, "Replica B was killed after the load had stopped.");
        Assert.True(_tally.Sent.GetValueOrDefault(disruption.NewA) > 0 && _tally.Sent.GetValueOrDefault(disruption.NewB) > 0,
            "The load did not spread back onto the restarted replicas.");
        var unexpected = _tally.Failures.Where(f => f.Status != StatusCode.Unavailable || !_stopped.ContainsKey(f.On)).ToList();
        Assert.True(unexpected.Count == 0, "Calls failed other than with UNAVAILABLE on a replica being stopped:\n"
            + string.Join('\n', unexpected.Take(20).Select(f => $"{f.Rpc} {f.Status} on {Name(f.On)}: {f.Detail}")));
        Assert.All(acknowledged, write => Assert.True(stored.TryGetValue(write.Id, out var revision) && revision == write.Revision,
            $"Release {write.Id} was acknowledged at revision {write.Revision}; the database holds {(stored.TryGetValue(write.Id, out var r) ? $"revision {r}" : "nothing")} (a write applied twice, or lost)."));
        Assert.True(stored.Count == acknowledged.Count, $"The database holds {stored.Count} releases; {acknowledged.Count} creations were acknowledged (a retried creation applied twice?).");
        Assert.True(acknowledged.Count > 0, "No write was acknowledged.");
        // Retried writes without a request_id (ReviewVariant, PublishRelease) must not have been applied twice either.
        var eventsPerRelease = draftWatchers[0].Events.GroupBy(e => e.ReleaseId).Where(g => g.Count() != EventsPerRelease).ToList();
        Assert.True(eventsPerRelease.Count == 0, $"Releases with other than {EventsPerRelease} change events: "
            + string.Join("; ", eventsPerRelease.Take(5).Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Type))}")));
        foreach (var watcher in watchers)
        {
            var (lost, repeated, outOfOrder) = Compare(watcher.Sequences, expected[watcher]);
            Assert.True(lost == 0 && repeated == 0 && outOfOrder == 0,
                $"A watcher ({watcher.View} view) lost {lost}, repeated {repeated} and received {outOfOrder} events out of order of {expected[watcher].Count}.");
        }
        var badEndings = watchers.SelectMany(w => w.Endings).Where(e => e.Status != StatusCode.Unavailable || !_stopped.ContainsKey(e.On)).ToList();
        Assert.True(badEndings.Count == 0, "Watch streams ended other than with UNAVAILABLE on a replica being stopped:\n"
            + string.Join('\n', badEndings.Select(e => $"{e.Status} on {Name(e.On)}: {e.Reason}")));
        var drained = watchers.SelectMany(w => w.Endings).Where(e => _stopped.GetValueOrDefault(e.On) == "SIGTERM").ToList();
        Assert.True(drained.Count >= 2 && drained.All(e => e.Reason == "SERVER_STOPPING" && e.ServerLastSequence is not null),
            $"The watches on the replica stopped with SIGTERM should end with SERVER_STOPPING and last_sequence: {string.Join("; ", drained.Select(e => $"{e.Status} {e.Reason} {e.ServerLastSequence}"))}.");
        Assert.True(watchers.Count(w => w.Resumed) >= 4, "Each watcher on the two stopped replicas should have resumed on another one.");
        Assert.True(traces && getSpan, "The receiver got no trace with rpc.system and a span named translations.v1.ReleaseService/GetRelease.");
        Assert.True(metrics, "The receiver got no metrics.");
    }

    private async Task StartAsync()
    {
        var replica = await ServiceProcess.StartAsync(_settings);
        lock (_started)
        {
            _started.Add(replica);
        }
    }

    /// <summary>The replica a watch (re)opens on: its own slot's, or another ready one when that one ended it.</summary>
    private async ValueTask<ServiceProcess> Opening(int slot, ServiceProcess? ended)
    {
        var replica = await _balancer.PickAsync(slot, avoid: ended);
        _tally.Count("WatchReleases", replica);
        return replica;
    }

    /// <summary>What was done to the replicas, when (seconds into the load), and how they came back.</summary>
    private sealed record Disruption(ServiceProcess A, ServiceProcess NewA, ServiceProcess B, ServiceProcess NewB, TimeSpan SigtermAt,
        int ExitCode, TimeSpan Exited, TimeSpan NewAReady, TimeSpan SigkillAt, TimeSpan NewBReady);

    /// <summary>
    /// A third of the way into the load, SIGTERM to replica A and a new process in its place; two thirds
    /// in (or once A's successor serves, if later), SIGKILL to replica B and the same.
    /// </summary>
    private async Task<Disruption> DisruptAsync(Stopwatch clock, TimeSpan loadStarted)
    {
        TimeSpan Now() => clock.Elapsed - loadStarted;
        await Task.Delay(Duration / 3, Ct);
        var a = _balancer[0];
        _stopped[a] = "SIGTERM";
        var sigtermAt = Now();
        (int ExitCode, TimeSpan Took) sigterm;
        try
        {
            sigterm = await a.TerminateAsync(DrainingDelay + DrainingTimeout + ExitSlack + ExitSlack);
        }
        catch (OperationCanceledException)
        {
            sigterm = (-1, DrainingDelay + DrainingTimeout + ExitSlack + ExitSlack);
        }
        var newA = await RestartAsync(0);
        var newAReady = Now();

        if (Duration * 2 / 3 - Now() is { Ticks: > 0 } wait)
        {
            await Task.Delay(wait, Ct);
        }
        var b = _balancer[1];
        _stopped[b] = "SIGKILL";
        var sigkillAt = Now();
        await b.KillAsync();
        var newB = await RestartAsync(1);
        return new Disruption(a, newA, b, newB, sigtermAt, sigterm.ExitCode, sigterm.Took, newAReady, sigkillAt, Now());
    }

    /// <summary>A new process in <paramref name="slot"/>, returned once its readiness says SERVING.</summary>
    private async Task<ServiceProcess> RestartAsync(int slot)
    {
        var replica = await ServiceProcess.StartAsync(_settings);
        lock (_started)
        {
            _started.Add(replica);
        }
        _balancer.Replace(slot, replica);
        while (!_balancer.IsReady(replica))
        {
            await Task.Delay(50, Ct);
        }
        return replica;
    }

    /// <summary>
    /// Creates releases with their source in review, submits an English translation for review, approves
    /// both and publishes them together, until <paramref name="stop"/>; a release begun is finished.
    /// </summary>
    private async Task WriteAsync(int slot, int writer, ConcurrentQueue<(string, long)> acknowledged, List<(string Id, TimeSpan At)> published,
        Stopwatch clock, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            // A desk of four editors, each well under the production write rate limit (20 a second per caller).
            var editor = new TokenClaims($"editor-{slot}-{writer}-{i % 4}", "editor");
            var key = $"{slot}-{writer}-{i}";
            try
            {
                var created = (await _tally.CallAsync("CreateRelease", slot, editor, c => c.Editorial.CreateReleaseAsync(
                    Requests.NewRelease(title: $"Выпуск {key}", requestId: $"create-{key}").ForReview(), cancellationToken: Ct).ResponseAsync)).Release;
                var submitted = await _tally.CallAsync("SubmitVariant", slot, editor, c => c.Translation.SubmitVariantAsync(
                    Requests.Variant(created.Id, "en", title: $"Release {key}", requestId: $"submit-{key}").ForReview(), cancellationToken: Ct).ResponseAsync);
                await ApproveAsync(slot, editor, created.Id, "ru", created.Variants.Single().Revision);
                await ApproveAsync(slot, editor, created.Id, "en", submitted.Variant.Revision);
                var release = (await _tally.CallAsync("PublishRelease", slot, editor, c => c.Editorial.PublishReleaseAsync(
                    new PublishReleaseRequest { Id = created.Id, Languages = { "ru", "en" } }, cancellationToken: Ct).ResponseAsync)).Release;
                acknowledged.Enqueue((created.Id, release.Revision));
                lock (published)
                {
                    published.Add((created.Id, clock.Elapsed));
                }
            }
            catch (RpcException)
            {
                return; // kept by the tally; the assertions name it
            }
        }
    }

    /// <summary>ReviewVariant has no request_id: a retry that finds the revision already approved settles it by reading.</summary>
    private Task<ReviewVariantResponse> ApproveAsync(int slot, TokenClaims editor, string id, string language, long revision) =>
        _tally.CallAsync("ReviewVariant", slot, editor,
            c => c.Editorial.ReviewVariantAsync(new ReviewVariantRequest
            {
                ReleaseId = id, Language = language, ExpectedRevision = revision, Decision = ReviewDecision.Approve,
            }, cancellationToken: Ct).ResponseAsync,
            applied: async c =>
            {
                var release = (await c.Releases.GetReleaseAsync(new GetReleaseRequest { Id = id, View = ReleaseView.Draft }, cancellationToken: Ct)).Release;
                var variant = release.Variants.Single(v => v.Language == language);
                return variant.State == VariantState.Approved && variant.Revision > revision
                    ? new ReviewVariantResponse { Variant = variant, ReleaseRevision = release.Revision }
                    : null;
            });

    /// <summary>Reads, in the published view, releases published a second ago or more (by then every replica serves them).</summary>
    private async Task ReadAsync(int slot, List<(string Id, TimeSpan At)> published, Stopwatch clock, CancellationToken stop)
    {
        var random = new Random(slot);
        while (!stop.IsCancellationRequested)
        {
            string? id;
            lock (published)
            {
                var settled = published.Where(p => clock.Elapsed - p.At > TimeSpan.FromSeconds(1)).TakeLast(200).ToList();
                id = settled.Count == 0 ? null : settled[random.Next(settled.Count)].Id;
            }
            if (id is null)
            {
                await Task.Delay(100, CancellationToken.None);
                continue;
            }
            try
            {
                await _tally.CallAsync("GetRelease", slot, Reader, c => c.Releases.GetReleaseAsync(
                    new GetReleaseRequest { Id = id, Language = "en" }, cancellationToken: Ct).ResponseAsync);
            }
            catch (RpcException)
            {
                return;
            }
        }
    }

    /// <summary>The newest twenty published releases, streamed, over and over.</summary>
    private async Task QueryAsync(int slot, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await _tally.CallAsync("QueryReleases", slot, Reader, c => c.Releases.QueryReleases(
                    new QueryReleasesRequest { Limit = 20 }, cancellationToken: Ct).ReadAllAsync(Ct));
            }
            catch (RpcException)
            {
                return;
            }
        }
    }
}
