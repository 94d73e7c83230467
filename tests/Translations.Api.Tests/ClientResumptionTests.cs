using System.Collections.Concurrent;
using Grpc.Net.Client.Balancer;
using Microsoft.Extensions.DependencyInjection;
using Translations.Client;
using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests;

/// <summary>
/// The client library against the built service running as real processes, the way replicas run: a watch
/// and a query that outlive a replica's restart, and reads that go on while a replica is killed.
/// </summary>
public sealed class ClientResumptionTests : IAsyncLifetime
{
    private static readonly TokenClaims Editor = new("resuming-editor", "editor");
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("translations-client-");
    private readonly List<ServiceProcess> _replicas = [];
    private readonly RegisteredClients _clients = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _clients.DisposeAsync();
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
    }

    private Dictionary<string, string> Settings() => BuiltProgram.ReplicaSettings(_data.FullName, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5));

    private async Task<ServiceProcess> StartReplicaAsync(int? port = null)
    {
        var replica = await ServiceProcess.StartAsync(Settings(), port: port);
        _replicas.Add(replica);
        return replica;
    }

    private TranslationsClient Client(Uri address, Action<IServiceCollection>? services = null) => _clients.For(address, Editor, services: services);

    [Fact]
    public async Task A_watch_resumes_after_its_last_sequence_when_its_replica_drains_and_restarts_so_nothing_is_lost_or_repeated()
    {
        var replica = await StartReplicaAsync();
        var port = replica.Address.Port;
        var client = Client(replica.Address);
        var watch = client.Watch(new WatchReleasesRequest { AfterSequence = 0, View = ReleaseView.Draft });
        var received = new List<ReleaseEvent>();
        var resumedBecause = new ConcurrentQueue<string?>();
        watch.Resuming += (why, _) => resumedBecause.Enqueue(why.Reason ?? why.StatusCode.ToString());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        stop.CancelAfter(TimeSpan.FromMinutes(2));
        await using var events = watch.GetAsyncEnumerator(stop.Token);

        for (var i = 0; i < 3; i++)
        {
            await client.CreateReleaseAsync(Requests.NewRelease());
        }
        await ReadAsync(events, received, 3);

        // SIGTERM: the replica drains, ends the watch with SERVER_STOPPING, and exits; a new one takes its port.
        var terminating = replica.TerminateAsync(TimeSpan.FromSeconds(30));
        var reading = ReadAsync(events, received, 6);
        await terminating;
        var restarted = await StartReplicaAsync(port);
        var writer = Client(restarted.Address);
        for (var i = 0; i < 3; i++)
        {
            await writer.CreateReleaseAsync(Requests.NewRelease());
        }
        await reading;

        Assert.Equal([1L, 2, 3, 4, 5, 6], received.Select(e => e.Sequence));
        Assert.All(received, e => Assert.Equal(ReleaseEventType.Created, e.Type));
        Assert.Contains(ErrorReasons.ServerStopping, resumedBecause);
        Assert.Equal(6, watch.LastSequence);
        Assert.True(watch.Reconnections >= 1);
    }

    [Fact]
    public async Task A_query_continues_after_its_last_cursor_when_its_replica_is_killed_mid_stream()
    {
        var replica = await StartReplicaAsync();
        var port = replica.Address.Port;
        var calls = new QueryCalls();
        var client = Client(replica.Address, services => services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => calls.Handler())));
        // Enough text that the stream cannot have reached the client whole when the replica dies.
        var body = string.Join("\n\n", Enumerable.Repeat(new string('ж', 2_000), 10));
        await Parallel.ForAsync(0, 300, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, _) =>
            await client.CreateReleaseAsync(Requests.NewRelease(body: body)));
        var everything = new QueryReleasesRequest { View = ReleaseView.Draft };
        var expected = await client.QueryReleasesAsync(everything).Select(r => r.Id).ToListAsync();
        Assert.Equal(300, expected.Count);

        var ids = new List<string>();
        await using (var stream = client.QueryReleasesAsync(everything).GetAsyncEnumerator(TestContext.Current.CancellationToken))
        {
            while (ids.Count < 40 && await stream.MoveNextAsync())
            {
                ids.Add(stream.Current.Id);
            }
            await replica.KillAsync();
            await StartReplicaAsync(port);
            while (await stream.MoveNextAsync())
            {
                ids.Add(stream.Current.Id);
            }
        }

        Assert.Equal(expected, ids);           // in order, nothing skipped, nothing twice
        Assert.Equal(3, calls.Count);          // the full query, then the interrupted one and its continuation
    }

    [Fact]
    public async Task Reads_go_on_without_a_failure_while_one_of_two_replicas_is_killed()
    {
        var a = await StartReplicaAsync();
        var b = await StartReplicaAsync();
        var replicas = new StaticResolverFactory(_ => [new BalancerAddress("127.0.0.1", a.Address.Port), new BalancerAddress("127.0.0.1", b.Address.Port)]);
        var client = Client(new Uri("static:///translations"), services => services.AddSingleton<ResolverFactory>(replicas));
        var created = await client.CreateReleaseAsync(Requests.NewRelease());

        var failures = new ConcurrentQueue<Exception>();
        var reads = 0;
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var readers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var after = DateTime.MaxValue;
            while (DateTime.UtcNow < after)
            {
                try
                {
                    Assert.NotNull(await client.GetReleaseAsync(created.Id, view: ReleaseView.Draft));
                    Interlocked.Increment(ref reads);
                }
                catch (Exception e)
                {
                    failures.Enqueue(e);
                }
                if (killed.Task.IsCompleted && after == DateTime.MaxValue)
                {
                    after = DateTime.UtcNow.AddSeconds(1);
                }
            }
        })).ToList();
        await WaitUntilAsync(() => Volatile.Read(ref reads) > 200 && a.Output.Contains("GetRelease", StringComparison.Ordinal) && b.Output.Contains("GetRelease", StringComparison.Ordinal));
        await a.KillAsync();
        killed.SetResult();
        await Task.WhenAll(readers);

        Assert.Empty(failures);
    }

    private static async Task ReadAsync(IAsyncEnumerator<ReleaseEvent> events, List<ReleaseEvent> into, int count)
    {
        while (into.Count < count)
        {
            Assert.True(await events.MoveNextAsync());
            into.Add(events.Current);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var attempt = 0; !condition(); attempt++)
        {
            Assert.True(attempt < 300, "Timed out.");
            await Task.Delay(100);
        }
    }

    /// <summary>Counts the QueryReleases calls the client starts.</summary>
    private sealed class QueryCalls
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public DelegatingHandler Handler() => new Counting(this);

        private sealed class Counting(QueryCalls owner) : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                if (request.RequestUri!.AbsolutePath.EndsWith("/QueryReleases", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref owner._count);
                }
                return base.SendAsync(request, cancellationToken);
            }
        }
    }
}
