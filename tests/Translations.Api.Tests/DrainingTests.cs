using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;
using Translations.Hosting;
using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Translations.Tests;

/// <summary>
/// A replica stopped as Kubernetes stops a pod (SIGTERM), under load, as its own process beside
/// another replica on the same database: it turns not ready at once, keeps serving for the delay,
/// ends its watches so that they resume elsewhere, and exits by itself without losing a call that had
/// started. Alone: its timings are the draining settings'.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class DrainingTests : IAsyncLifetime
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("translations-draining-");
    private ServiceProcess _a = null!;
    private ServiceProcess _b = null!;

    private Dictionary<string, string> Settings() => BuiltProgram.ReplicaSettings(_data.FullName, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));

    public async ValueTask InitializeAsync()
    {
        _a = await ServiceProcess.StartAsync(Settings());
        _b = await ServiceProcess.StartAsync(Settings());
    }

    public async ValueTask DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
    }

    private sealed record Call(string Rpc, TimeSpan Started, StatusCode Status, string? CreatedId);

    [Fact]
    public async Task On_SIGTERM_a_replica_turns_not_ready_serves_through_the_delay_loses_no_started_call_and_its_watchers_resume_elsewhere()
    {
        var editor = new TokenClaims("editor-1", "editor");
        var onA = _a.As(editor);
        var onB = _b.As(editor);
        var health = new Health.HealthClient(onA.Channel);
        await WaitUntilReadyAsync(health);
        var seeded = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            seeded.Add((await onA.Editorial.CreateReleaseAsync(Requests.NewRelease())).Release.Id);
        }

        // A watcher on A, from the beginning of the feed, until its stream ends.
        var watched = new List<long>();
        var watch = onA.Releases.Watch(after: 0);
        var watching = Task.Run(async () =>
        {
            try
            {
                await foreach (var response in watch.ResponseStream.ReadAllAsync())
                {
                    watched.Add(response.Event.Sequence);
                }
                return null;
            }
            catch (RpcException ended)
            {
                return ended;
            }
        });

        // Unary load on A: writes with request ids and reads, each call timed from the test's start.
        var clock = Stopwatch.StartNew();
        var calls = new ConcurrentBag<Call>();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var client = _a.As(editor);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var started = clock.Elapsed;
                try
                {
                    if (i % 2 == 0)
                    {
                        var created = await client.Editorial.CreateReleaseAsync(Requests.NewRelease(requestId: Guid.NewGuid().ToString()));
                        calls.Add(new Call("CreateRelease", started, StatusCode.OK, created.Release.Id));
                    }
                    else
                    {
                        await client.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = seeded[i % seeded.Count] });
                        calls.Add(new Call("GetRelease", started, StatusCode.OK, null));
                    }
                }
                catch (RpcException failed)
                {
                    calls.Add(new Call(i % 2 == 0 ? "CreateRelease" : "GetRelease", started, failed.StatusCode, null));
                    await Task.Delay(20);
                }
            }
        })).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        var signalled = clock.Elapsed;
        var exit = _a.TerminateAsync(Delay + Timeout + TimeSpan.FromSeconds(10));
        ServingStatus readiness = ServingStatus.Serving;
        for (var attempt = 0; attempt < 20 && readiness == ServingStatus.Serving; attempt++)
        {
            readiness = (await health.CheckAsync(new HealthCheckRequest { Service = HealthProbes.Readiness })).Status;
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
        var notReadyAfter = clock.Elapsed - signalled;
        var stillServed = await onA.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = seeded[0] });
        var (exitCode, took) = await exit;
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.Equal(ServingStatus.NotServing, readiness);
        Assert.True(notReadyAfter < TimeSpan.FromSeconds(1), $"Readiness turned NOT_SERVING {notReadyAfter.TotalMilliseconds:0} ms after SIGTERM.");
        Assert.NotNull(stillServed.Release);
        Assert.Equal(0, exitCode);
        Assert.InRange(took, Delay, Delay + Timeout);
        Assert.Contains("SIGTERM: not ready from now on", _a.Output, StringComparison.Ordinal);

        // Every call that started while A still took calls ended OK; the rest could only find it gone.
        var beforeStop = calls.Where(call => call.Started < signalled + Delay - TimeSpan.FromMilliseconds(300)).ToList();
        Assert.True(beforeStop.Count > 100, $"Only {beforeStop.Count} calls were made before the stop.");
        Assert.All(beforeStop, call => Assert.Equal(StatusCode.OK, call.Status));
        Assert.All(calls.Where(call => call.Status != StatusCode.OK), call => Assert.Equal(StatusCode.Unavailable, call.Status));

        // Every acknowledged write is there, read through the other replica.
        foreach (var created in calls.Where(call => call.CreatedId is not null))
        {
            Assert.Equal(created.CreatedId, (await onB.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = created.CreatedId })).Release.Id);
        }

        // The watch ended as draining says, and resumes on B from where it stopped: every sequence once, in order.
        var ended = await watching;
        Assert.NotNull(ended);
        Assert.Equal(StatusCode.Unavailable, ended.StatusCode);
        Assert.Equal("SERVER_STOPPING", ended.ErrorInfo().Reason);
        var lastSequence = long.Parse(ended.ErrorInfo().Metadata["last_sequence"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(watched.Count > 0 ? watched[^1] : 0, lastSequence);
        for (var i = 0; i < 3; i++)
        {
            await onB.Editorial.CreateReleaseAsync(Requests.NewRelease());   // written after A is gone
        }
        var finalSequence = 5 + calls.Count(call => call.CreatedId is not null) + 3;
        using var resumed = onB.Releases.Watch(after: lastSequence);
        var rest = await resumed.ReadThroughAsync(finalSequence);
        Assert.Equal(Enumerable.Range(1, finalSequence).Select(n => (long)n), watched.Concat(rest.Select(e => e.Sequence)));
        // Nothing after the last write: the resumed watch is quiet.
        Assert.Equal((long)finalSequence, await onB.Releases.Watch().StartsAfterAsync());
    }

    private static async Task WaitUntilReadyAsync(Health.HealthClient health)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if ((await health.CheckAsync(new HealthCheckRequest { Service = HealthProbes.Readiness })).Status == ServingStatus.Serving)
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail("Replica A did not become ready.");
    }
}
