using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using Translations.V1;

namespace Translations.Benchmarks;

/// <summary>One write RPC as a writer makes it: writer w's i-th call; true when the response is the expected one.</summary>
internal sealed record WriteTarget(string Name, Func<CallInvoker, int, long, Task<bool>> Call);

/// <summary>The figures of one write load over all its slices.</summary>
internal sealed record WriteResult(string Name, long Calls, long Failures, double Seconds, double P50Milliseconds, double P99Milliseconds,
    long[] CallsPerReplica, double[] ServerCores, double DatabaseCores, double OtherCores, double ClientCores)
{
    public double CallsPerSecond => Calls / Seconds;
}

/// <summary>
/// Closed-loop writes: <c>writers</c> writers, each its own client (own channel, own editor token), spread
/// evenly over the replicas, each making one call at a time. The replicas share the database and
/// Redis, and run their change-feed followers as in production.
/// </summary>
internal sealed class WriteLoad : IDisposable
{
    private readonly IReadOnlyList<ServerProcess> _replicas;
    private readonly BenchmarkDatabase _database;
    private readonly (GrpcChannel Channel, int Replica)[] _writers;
    private readonly long[] _next;

    public WriteLoad(IReadOnlyList<ServerProcess> replicas, BenchmarkDatabase database, int writers)
    {
        _replicas = replicas;
        _database = database;
        _writers = Enumerable.Range(0, writers).Select(w => (GrpcChannel.ForAddress(replicas[w % replicas.Count].Address,
            new GrpcChannelOptions().AsCaller(BenchmarkAccess.WriterToken(w))), w % replicas.Count)).ToArray();
        _next = new long[writers];
    }

    public int Writers => _writers.Length;

    /// <summary>The writes that succeeded, over every run, warm-ups included, by target name (the final check counts rows).</summary>
    public Dictionary<string, long> Succeeded { get; } = [];

    /// <summary>Measures the targets in turn, <paramref name="rounds"/> slices each, after one warm-up slice each.</summary>
    public Task<WriteResult[]> RunAsync(IReadOnlyList<WriteTarget> targets, int rounds, TimeSpan duration, TimeSpan warmUp) =>
        RunInTurnsAsync(targets.Select(target => (this, target)).ToArray(), rounds, duration, warmUp);

    /// <summary>
    /// The same for loads on different replicas (such as two databases compared side by side): one load at a
    /// time, in turns, so that loads compared see the same background activity.
    /// </summary>
    public static async Task<WriteResult[]> RunInTurnsAsync(IReadOnlyList<(WriteLoad Load, WriteTarget Target)> loads, int rounds, TimeSpan duration, TimeSpan warmUp)
    {
        foreach (var (load, target) in loads)
        {
            await load.SliceAsync(target, warmUp);
        }
        var slices = loads.Select(_ => new List<Slice>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var l = 0; l < loads.Count; l++)
            {
                slices[l].Add(await loads[l].Load.SliceAsync(loads[l].Target, duration / rounds));
            }
        }
        return loads.Select((l, i) => l.Load.Combine(l.Target.Name, slices[i])).ToArray();
    }

    private sealed record Slice(double Seconds, long[] Ok, long Failures, List<double> Latencies, double[] Server, double Database, double Machine, double Client);

    private async Task<Slice> SliceAsync(WriteTarget target, TimeSpan duration)
    {
        var ok = new long[_replicas.Count];
        long failures = 0;
        var server = _replicas.Select(r => r.CpuSeconds()).ToArray();
        var (database, machine, client) = (_database.CpuSeconds(), Cpu.OfMachine(), Environment.CpuUsage.TotalTime);
        var clock = Stopwatch.StartNew();
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var latencies = await Task.WhenAll(_writers.Select((writer, w) => Task.Run(async () =>
        {
            var invoker = writer.Channel.CreateCallInvoker();
            var mine = new List<double>();
            while (Stopwatch.GetTimestamp() < until)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    if (await target.Call(invoker, w, _next[w]++))
                    {
                        mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        Interlocked.Increment(ref ok[writer.Replica]);
                        continue;
                    }
                }
                catch (RpcException e)
                {
                    Console.Error.WriteLine($"  {target.Name} by writer {w}: {e.StatusCode} {e.Status.Detail}");
                }
                Interlocked.Increment(ref failures);
            }
            return mine;
        })));
        var seconds = clock.Elapsed.TotalSeconds;
        lock (Succeeded)
        {
            Succeeded[target.Name] = Succeeded.GetValueOrDefault(target.Name) + ok.Sum();
        }
        return new Slice(seconds, ok, failures, latencies.SelectMany(l => l).ToList(),
            _replicas.Select((r, i) => r.CpuSeconds() - server[i]).ToArray(), _database.CpuSeconds() - database, Cpu.OfMachine() - machine,
            (Environment.CpuUsage.TotalTime - client).TotalSeconds);
    }

    private WriteResult Combine(string name, List<Slice> slices)
    {
        var latencies = slices.SelectMany(s => s.Latencies).Order().ToArray();
        double Percentile(double p) => latencies.Length == 0 ? 0 : latencies[(int)Math.Min(latencies.Length - 1, p * latencies.Length)];
        var seconds = slices.Sum(s => s.Seconds);
        var perReplica = Enumerable.Range(0, _replicas.Count).Select(r => slices.Sum(s => s.Ok[r])).ToArray();
        var serverCores = Enumerable.Range(0, _replicas.Count).Select(r => slices.Sum(s => s.Server[r]) / seconds).ToArray();
        var databaseCores = slices.Sum(s => s.Database) / seconds;
        var clientCores = slices.Sum(s => s.Client) / seconds;
        var other = Math.Max(0, slices.Sum(s => s.Machine) / seconds - serverCores.Sum() - databaseCores - clientCores);
        return new WriteResult(name, perReplica.Sum(), slices.Sum(s => s.Failures), seconds, Percentile(0.50), Percentile(0.99),
            perReplica, serverCores, databaseCores, other, clientCores);
    }

    public void Dispose()
    {
        foreach (var (channel, _) in _writers)
        {
            channel.Dispose();
        }
    }

    /// <summary>CreateRelease: a new release with its Russian source variant, with a request id, as a careful client sends it.</summary>
    public static WriteTarget CreateRelease { get; } = new("CreateRelease", async (invoker, writer, i) =>
    {
        var response = await new EditorialService.EditorialServiceClient(invoker).CreateReleaseAsync(new CreateReleaseRequest
        {
            RequestId = $"bench-create-{writer}-{i}-{Guid.NewGuid():N}",
            Release = new Release
            {
                Category = "news",
                Tags = { "press" },
                SourceLanguage = "ru",
                Variants = { new Variant { Language = "ru", Title = $"Новый релиз {writer}-{i}", Lead = "Кратко о главном.", Body = "Первый абзац.\n\nВторой абзац." } },
            },
        });
        return response.Release is { Revision: 1, Variants.Count: 1 };
    });

    /// <summary>
    /// SubmitVariant: a new English text for a seeded release (its variant at revision 1, published), each
    /// writer on releases of its own so that writers never conflict; expected_revision 1, with a request id.
    /// </summary>
    public static WriteTarget SubmitVariant(IReadOnlyList<string> ids, int writers) => new("SubmitVariant", async (invoker, writer, i) =>
    {
        var index = (int)(writer + i * writers);
        if (index >= ids.Count)
        {
            throw new InvalidOperationException($"Writer {writer} ran out of seeded releases to submit to after {i} calls; seed more releases.");
        }
        var response = await new TranslationService.TranslationServiceClient(invoker).SubmitVariantAsync(new SubmitVariantRequest
        {
            RequestId = $"bench-submit-{writer}-{i}-{Guid.NewGuid():N}",
            ReleaseId = ids[index],
            Language = "en",
            Title = $"Release number {index}, revised",
            Lead = "In brief.",
            Body = "First paragraph, revised.\n\nSecond paragraph.",
            ExpectedRevision = 1,
        });
        return response.Variant is { Revision: 2, Language: "en" } && response.ReleaseRevision == 3;
    });
}
