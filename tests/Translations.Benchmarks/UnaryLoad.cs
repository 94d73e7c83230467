using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;

namespace Translations.Benchmarks;

/// <summary>
/// Closed-loop unary load from the .NET client: one channel (and handler) per HTTP/2 connection, several calls in
/// flight on each; call i gets index i and must return true (the expected response), and the calls in flight at one time have distinct indexes. Every call must end
/// with status OK; failures are counted. Used to compare load generators, and to load many ids at once.
/// </summary>
internal sealed class DotnetClientLoad(string name, Func<CallInvoker, int, Task<bool>> call, int connections, int inFlightPerConnection, TimeSpan warmUp)
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
        }.AsReader())).ToArray();
        await MeasureAsync(server, warmUp);
    }

    public async Task<LoadSample> MeasureAsync(ServerProcess server, TimeSpan duration)
    {
        long failures = 0;
        var cpu = Environment.CpuUsage.TotalTime;
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = _channels.SelectMany((channel, c) => Enumerable.Range(0, inFlightPerConnection).Select(w => Task.Run(async () =>
        {
            var latencies = new List<double>();
            var invoker = channel.CreateCallInvoker();
            for (var i = c * inFlightPerConnection + w; Stopwatch.GetTimestamp() < until; i += connections * inFlightPerConnection)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    if (await call(invoker, i))
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                    else
                    {
                        Interlocked.Increment(ref failures);
                    }
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
