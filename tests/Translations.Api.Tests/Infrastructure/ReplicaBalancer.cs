using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Health.V1;
using Translations.Hosting;
using Translations.Tokens;

namespace Translations.Tests.Infrastructure;

/// <summary>
/// Stands in for the Kubernetes Service in front of the replicas: asks each replica's gRPC readiness
/// service every 200 ms and sends calls only to those answering SERVING, as endpoints leave a Service
/// when readiness fails. A slot is given a new process when its replica is restarted (a new pod).
/// </summary>
public sealed class ReplicaBalancer : IAsyncDisposable
{
    private static readonly TokenClaims Prober = new("readiness-probe", "reader");
    private static readonly TimeSpan ProbeEvery = TimeSpan.FromMilliseconds(200);

    private readonly ServiceProcess[] _slots;
    private readonly ConcurrentDictionary<ServiceProcess, bool> _ready = new();
    private readonly ConcurrentDictionary<(ServiceProcess, string), Clients> _clients = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _probing;

    public ReplicaBalancer(IReadOnlyList<ServiceProcess> replicas)
    {
        _slots = [.. replicas];
        _probing = Task.Run(ProbeAsync);
    }

    public int Count => _slots.Length;

    public ServiceProcess this[int slot] => Volatile.Read(ref _slots[slot]);

    /// <summary>The slot's replica is replaced by <paramref name="process"/>, which gets calls once its readiness says SERVING.</summary>
    public void Replace(int slot, ServiceProcess process) => Volatile.Write(ref _slots[slot], process);

    /// <summary>A call to <paramref name="process"/> failed as if it were gone: no calls go there until its readiness answers again.</summary>
    public void Failed(ServiceProcess process) => _ready[process] = false;

    public bool IsReady(ServiceProcess process) => _ready.GetValueOrDefault(process);

    /// <summary>Clients calling <paramref name="process"/> as <paramref name="caller"/>, one channel per pair.</summary>
    public Clients Clients(ServiceProcess process, TokenClaims caller) =>
        _clients.GetOrAdd((process, caller.Subject), _ => process.As(caller));

    /// <summary>
    /// The ready replica in <paramref name="preferred"/>'s slot, else in the next slot that has one; a
    /// replica other than <paramref name="avoid"/> when there is one. Waits while none is ready.
    /// </summary>
    public async ValueTask<ServiceProcess> PickAsync(int preferred, ServiceProcess? avoid = null)
    {
        for (var waited = 0; waited < 600; waited++)
        {
            var ready = Enumerable.Range(0, _slots.Length).Select(i => this[(preferred + i) % _slots.Length])
                .Where(process => _ready.GetValueOrDefault(process)).ToList();
            if ((ready.FirstOrDefault(process => process != avoid) ?? ready.FirstOrDefault()) is { } chosen)
            {
                return chosen;
            }
            await Task.Delay(50);
        }
        throw new InvalidOperationException("No replica has been ready for 30 s.");
    }

    private async Task ProbeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await Task.WhenAll(Enumerable.Range(0, _slots.Length).Select(async slot =>
            {
                var process = this[slot];
                _ready[process] = await IsReadyAsync(process);
            }));
            try
            {
                await Task.Delay(ProbeEvery, _stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task<bool> IsReadyAsync(ServiceProcess process)
    {
        if (process.HasExited)
        {
            return false;
        }
        try
        {
            var health = new Health.HealthClient(Clients(process, Prober).Channel);
            var answer = await health.CheckAsync(new HealthCheckRequest { Service = HealthProbes.Readiness },
                deadline: DateTime.UtcNow.AddSeconds(1), cancellationToken: _stop.Token);
            return answer.Status == HealthCheckResponse.Types.ServingStatus.Serving;
        }
        catch (RpcException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _probing;
        _stop.Dispose();
    }
}
