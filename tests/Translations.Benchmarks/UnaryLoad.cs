using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;

namespace Translations.Benchmarks;

/// <summary>
/// Closed-loop unary load from the .NET client: one channel (and handler) per HTTP/2 connection, several calls in
/// flight on each. Every call must end with status OK; failures are counted. Used to compare load generators.
/// </summary>
internal sealed class DotnetClientLoad(string name, Func<CallInvoker, Task> call, int connections, int inFlightPerConnection, TimeSpan warmUp)
    : IUnaryLoad, IDisposable
{
    private GrpcChannel[] _channels = [];

    public string Name => name;
    public string Generator => ".NET client";
    public int Checked => 0;
    public int CheckedOk => 0;

    public async Task PrepareAsync(ServerProcess server)
    {
        _channels = Enumerable.Range(0, connections).Select(_ => GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = false },
        })).ToArray();
        await MeasureAsync(server, warmUp);
    }

    public async Task<LoadSample> MeasureAsync(ServerProcess server, TimeSpan duration)
    {
        long failures = 0;
        var cpu = Environment.CpuUsage.TotalTime;
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = _channels.SelectMany(channel => Enumerable.Range(0, inFlightPerConnection).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>();
            var invoker = channel.CreateCallInvoker();
            while (Stopwatch.GetTimestamp() < until)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await call(invoker);
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (RpcException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
            return latencies;
        })));
        var all = (await Task.WhenAll(workers)).SelectMany(l => l).ToArray();
        var clientCpu = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        return new LoadSample(all.Length, all.Length, failures, FullMessages: true, all, clientCpu);
    }

    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
    }
}
