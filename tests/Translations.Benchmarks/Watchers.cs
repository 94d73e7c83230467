using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Translations.V1;

namespace Translations.Benchmarks;

/// <summary>
/// WatchReleases streams held open on the replicas while writes run, as followers of the feed would:
/// draft view, every event, no release attached. Each checks what it receives: sequences one after
/// the other from the one the server started it after, none missing, none twice.
/// </summary>
internal sealed class Watchers : IAsyncDisposable
{
    private readonly List<GrpcChannel> _channels = [];
    private readonly List<Watcher> _watchers = [];
    private readonly CancellationTokenSource _stop = new();

    public int Count => _watchers.Count;

    public long Received => _watchers.Sum(w => Volatile.Read(ref w.Received));

    public static async Task<Watchers> StartAsync(IReadOnlyList<ServerProcess> replicas, int count)
    {
        var watchers = new Watchers();
        const int streamsPerChannel = 25;
        for (var i = 0; i < count; i++)
        {
            if (i % streamsPerChannel == 0)
            {
                watchers._channels.Add(GrpcChannel.ForAddress(replicas[i / streamsPerChannel % replicas.Count].Address,
                    new GrpcChannelOptions().AsCaller(BenchmarkAccess.WatcherToken)));
            }
            watchers._watchers.Add(await Watcher.StartAsync(watchers._channels[^1], watchers._stop.Token));
        }
        return watchers;
    }

    /// <summary>Waits until every watcher has received every event up to <paramref name="lastSequence"/>; false when one fell short or saw a gap.</summary>
    public async Task<bool> AllReceivedAsync(long lastSequence, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (_watchers.Any(w => Volatile.Read(ref w.Last) < lastSequence && w.Error is null) && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }
        foreach (var w in _watchers.Where(w => w.Error is not null || Volatile.Read(ref w.Last) != lastSequence))
        {
            Console.Error.WriteLine($"  watcher started after {w.StartedAfter}: last sequence {w.Last} of {lastSequence}; {w.Error ?? "no error"}");
        }
        return _watchers.All(w => w.Error is null && Volatile.Read(ref w.Last) == lastSequence);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_watchers.Select(w => w.Reading));
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
        _stop.Dispose();
    }

    private sealed class Watcher
    {
        public long StartedAfter;
        public long Last;
        public long Received;
        public string? Error;
        public Task Reading = Task.CompletedTask;

        public static async Task<Watcher> StartAsync(GrpcChannel channel, CancellationToken stop)
        {
            var watcher = new Watcher();
            var call = new ReleaseService.ReleaseServiceClient(channel).WatchReleases(new WatchReleasesRequest { View = ReleaseView.Draft }, cancellationToken: stop);
            var headers = await call.ResponseHeadersAsync;
            watcher.StartedAfter = watcher.Last = long.Parse(headers.GetValue("after-sequence")!, CultureInfo.InvariantCulture);
            watcher.Reading = Task.Run(async () =>
            {
                using (call)
                {
                    try
                    {
                        await foreach (var response in call.ResponseStream.ReadAllAsync(stop))
                        {
                            if (response.Event.Sequence != watcher.Last + 1)
                            {
                                watcher.Error = $"sequence {response.Event.Sequence} after {watcher.Last}";
                                return;
                            }
                            Volatile.Write(ref watcher.Last, response.Event.Sequence);
                            Interlocked.Increment(ref watcher.Received);
                        }
                        watcher.Error = "the stream ended";
                    }
                    catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && stop.IsCancellationRequested)
                    {
                    }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested)
                    {
                    }
                    catch (RpcException e)
                    {
                        watcher.Error = $"{e.StatusCode}: {e.Status.Detail}";
                    }
                }
            });
            return watcher;
        }
    }
}
