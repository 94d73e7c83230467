using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Translations.Testing;
using Translations.V1;

namespace Translations.Benchmarks;

/// <summary>
/// One unary method: <see cref="Request"/>(0) is the request h2load repeats; the check sends Request(0..n-1) with the
/// .NET client. <see cref="Call"/> makes one typed call and says whether the response is the expected one.
/// </summary>
internal sealed record UnaryTarget(string Path, Func<int, IMessage> Request, Func<CallInvoker, IMessage, Task<(bool Valid, IMessage Response)>> Call)
{
    public const int CheckedCalls = 1_000;

    /// <summary>grpc.health.v1.Health/Check, which must answer SERVING: the floor of a call.</summary>
    public static UnaryTarget HealthCheck { get; } = new("/grpc.health.v1.Health/Check", _ => new HealthCheckRequest(), async (invoker, request) =>
    {
        var response = await new Health.HealthClient(invoker).CheckAsync((HealthCheckRequest)request);
        return (response.Status == HealthCheckResponse.Types.ServingStatus.Serving, response);
    });

    /// <summary>
    /// GetRelease in English. h2load repeats request 0; the check walks 1,000 distinct ids, few enough to be fully
    /// cached, and fills the caches.
    /// </summary>
    public static UnaryTarget GetRelease(string[] ids) => new("/translations.v1.ReleaseService/GetRelease",
        i => new GetReleaseRequest { Id = ids[i % Math.Min(ids.Length, CheckedCalls)], Language = "en" }, async (invoker, request) =>
        {
            var response = await new ReleaseService.ReleaseServiceClient(invoker).GetReleaseAsync((GetReleaseRequest)request);
            return (response.Release?.Id == ((GetReleaseRequest)request).Id && response.ServedLanguage == "en", response);
        });

    /// <summary>Makes <see cref="CheckedCalls"/> calls, 16 at a time: how many ended OK and valid, and the size of response 0.</summary>
    public async Task<(int Ok, int ResponseSize)> CheckAsync(Uri address)
    {
        using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions().AsReader());
        var invoker = channel.CreateCallInvoker();
        var (ok, responseSize) = (0, -1);
        await Parallel.ForEachAsync(Enumerable.Range(0, CheckedCalls), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            try
            {
                var (valid, response) = await Call(invoker, Request(i));
                if (valid)
                {
                    Interlocked.Increment(ref ok);
                }
                if (i == 0)
                {
                    responseSize = response.CalculateSize();
                }
            }
            catch (RpcException)
            {
            }
        });
        return (ok, responseSize);
    }
}

/// <summary>One measured slice of load: calls completed, how they ended, per-call latencies, the generator's CPU time.</summary>
internal sealed record LoadSample(long Calls, long Status2xx, long Failed, bool FullMessages, double[] LatencyMilliseconds, double GeneratorCpuSeconds);

/// <summary>A closed-loop unary load generator against one method.</summary>
internal interface IUnaryLoad
{
    string Name { get; }
    string Generator { get; }
    int Checked { get; }
    int CheckedOk { get; }
    /// <summary>Checks and warms up (which fills the caches).</summary>
    Task PrepareAsync(ServerProcess server);
    Task<LoadSample> MeasureAsync(ServerProcess server, TimeSpan duration);
}

/// <summary>The figures of one scenario over all its slices, and the evidence that every call succeeded.</summary>
internal sealed record UnaryResult(string Name, string Generator, long Calls, long Failures, double CallsPerSecond, double P50Milliseconds, double P99Milliseconds)
{
    public long Status2xx { get; init; }
    public bool FullMessages { get; init; }
    public int Checked { get; init; }
    public int CheckedOk { get; init; }
    public double ServerCores { get; init; }
    public double RedisCores { get; init; }
    public double DatabaseCores { get; init; }
    public double GeneratorCores { get; init; }
    public double OtherCores { get; init; }
    public long RedisHits { get; init; }
    public long RedisMisses { get; init; }
}

internal static class Interleaved
{
    /// <summary>One slice of one load, with the CPU time (seconds) of the server, Redis, the database and the whole machine, and Redis hits and misses.</summary>
    private sealed record Slice(LoadSample Sample, double Server, double Redis, double Database, double Machine, long Hits, long Misses);

    /// <summary>
    /// Prepares every load, then measures them in turn, round after round, each for duration / rounds per round, so
    /// that loads on one server see the same background activity of a shared machine. Figures are over all rounds.
    /// </summary>
    public static Task<UnaryResult[]> RunAsync(ServerProcess server, RedisServer redis, BenchmarkDatabase database, int rounds, TimeSpan duration, params IUnaryLoad[] loads) =>
        RunAsync(redis, database, rounds, duration, loads.Select(load => (server, load)).ToArray());

    /// <summary>
    /// The same with each load on its own server (several loads may share one): one load, so one server, under load at
    /// a time, and servers compared side by side see the same background activity. Server CPU is that of the load's server.
    /// </summary>
    public static async Task<UnaryResult[]> RunAsync(RedisServer redis, BenchmarkDatabase database, int rounds, TimeSpan duration, params (ServerProcess Server, IUnaryLoad Load)[] loads)
    {
        foreach (var (server, load) in loads)
        {
            await load.PrepareAsync(server);
        }
        return await MeasureAsync(redis, database, rounds, duration, loads);
    }

    /// <summary>Measures loads already prepared, in turns as <see cref="RunAsync(RedisServer, BenchmarkDatabase, int, TimeSpan, ValueTuple{ServerProcess, IUnaryLoad}[])"/> does.</summary>
    public static async Task<UnaryResult[]> MeasureAsync(RedisServer redis, BenchmarkDatabase database, int rounds, TimeSpan duration, params (ServerProcess Server, IUnaryLoad Load)[] loads)
    {
        var slice = duration / rounds;
        var samples = loads.Select(_ => new List<Slice>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < loads.Length; i++)
            {
                var server = loads[i].Server;
                var (hits, misses) = await KeyspaceAsync(redis);
                var (serverCpu, redisCpu, databaseCpu, machineCpu) = (server.CpuSeconds(), Cpu.OfProcess(redis.ProcessId), database.CpuSeconds(), Cpu.OfMachine());
                var sample = await loads[i].Load.MeasureAsync(server, slice);
                var (hitsAfter, missesAfter) = await KeyspaceAsync(redis);
                samples[i].Add(new Slice(sample, server.CpuSeconds() - serverCpu, Cpu.OfProcess(redis.ProcessId) - redisCpu, database.CpuSeconds() - databaseCpu,
                    Cpu.OfMachine() - machineCpu, hitsAfter - hits, missesAfter - misses));
            }
        }
        return loads.Select((load, i) => Combine(load.Load, samples[i], duration.TotalSeconds)).ToArray();
    }

    private static async Task<(long Hits, long Misses)> KeyspaceAsync(RedisServer redis) =>
        (await redis.InfoAsync("stats", "keyspace_hits"), await redis.InfoAsync("stats", "keyspace_misses"));

    private static UnaryResult Combine(IUnaryLoad load, List<Slice> samples, double seconds)
    {
        var latencies = samples.SelectMany(s => s.Sample.LatencyMilliseconds).Order().ToArray();
        double Percentile(double p) => latencies.Length == 0 ? 0 : latencies[(int)Math.Min(latencies.Length - 1, p * latencies.Length)];
        double Cores(Func<Slice, double> cpu) => samples.Sum(cpu) / seconds;
        var calls = samples.Sum(s => s.Sample.Calls);
        var status2xx = samples.Sum(s => s.Sample.Status2xx);
        return new UnaryResult(load.Name, load.Generator, calls, calls - status2xx + samples.Sum(s => s.Sample.Failed) + load.Checked - load.CheckedOk,
            calls / seconds, Percentile(0.50), Percentile(0.99))
        {
            Status2xx = status2xx, FullMessages = samples.All(s => s.Sample.FullMessages), Checked = load.Checked, CheckedOk = load.CheckedOk,
            ServerCores = Cores(s => s.Server), RedisCores = Cores(s => s.Redis), DatabaseCores = Cores(s => s.Database), GeneratorCores = Cores(s => s.Sample.GeneratorCpuSeconds),
            OtherCores = Math.Max(0, Cores(s => s.Machine - s.Server - s.Redis - s.Database - s.Sample.GeneratorCpuSeconds)),
            RedisHits = samples.Sum(s => s.Hits), RedisMisses = samples.Sum(s => s.Misses),
        };
    }
}
