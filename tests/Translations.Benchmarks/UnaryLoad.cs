using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;

namespace Translations.Benchmarks;

internal sealed record UnaryResult(string Name, long Calls, long Failures, double CallsPerSecond, double P50Milliseconds, double P99Milliseconds);

/// <summary>
/// Closed-loop unary load: several HTTP/2 connections, several calls in flight on each, for a fixed
/// time after a warm-up. Every call must end with status OK; failures are counted and reported.
/// </summary>
internal static class UnaryLoad
{
    public static async Task<UnaryResult> RunAsync(string name, Uri address, int connections, int inFlightPerConnection,
        TimeSpan warmUp, TimeSpan duration, Func<CallInvoker, int, Task> call)
    {
        var channels = Enumerable.Range(0, connections).Select(_ => GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = false },
        })).ToArray();
        try
        {
            await Run(channels, inFlightPerConnection, warmUp, call, record: null);
            var latencies = new List<long>[connections * inFlightPerConnection];
            var failures = await Run(channels, inFlightPerConnection, duration, call, latencies);
            var all = latencies.SelectMany(l => l).Order().ToArray();
            double Percentile(double p) => all.Length == 0 ? 0 : all[(int)Math.Min(all.Length - 1, p * all.Length)] * 1000.0 / Stopwatch.Frequency;
            return new UnaryResult(name, all.Length, failures, all.Length / duration.TotalSeconds, Percentile(0.50), Percentile(0.99));
        }
        finally
        {
            foreach (var channel in channels)
            {
                channel.Dispose();
            }
        }
    }

    private static async Task<long> Run(GrpcChannel[] channels, int inFlight, TimeSpan duration, Func<CallInvoker, int, Task> call, List<long>[]? record)
    {
        long failures = 0;
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = channels.SelectMany((channel, c) => Enumerable.Range(0, inFlight).Select(w => Task.Run(async () =>
        {
            var slot = c * inFlight + w;
            var latencies = new List<long>(100_000);
            if (record is not null)
            {
                record[slot] = latencies;
            }
            var invoker = channel.CreateCallInvoker();
            for (var i = slot; Stopwatch.GetTimestamp() < until; i += channels.Length * inFlight)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await call(invoker, i);
                    latencies.Add(Stopwatch.GetTimestamp() - started);
                }
                catch (RpcException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));
        await Task.WhenAll(workers);
        return failures;
    }
}
