using System.Collections.Concurrent;
using Grpc.Core;

namespace Translations.Tests.Infrastructure;

/// <summary>One failed call: which RPC, on which replica, with which status.</summary>
public sealed record CallFailure(string Rpc, ServiceProcess On, StatusCode Status, string Detail);

/// <summary>
/// Calls made through a <see cref="ReplicaBalancer"/> as a client with retries makes them: a call that
/// fails with UNAVAILABLE is tried again on another ready replica with the same request (a write keeps
/// its request_id). Counts every attempt per RPC and keeps every failure.
/// </summary>
public sealed class CallTally(ReplicaBalancer balancer)
{
    private const int MostAttempts = 20;

    private readonly ConcurrentDictionary<string, int> _calls = new();
    private readonly ConcurrentDictionary<ServiceProcess, int> _sent = new();
    private readonly ConcurrentDictionary<string, int> _settledByReading = new();
    private readonly ConcurrentQueue<CallFailure> _failures = new();

    public IReadOnlyDictionary<string, int> Calls => _calls;

    /// <summary>Calls sent to each replica process, failed ones included.</summary>
    public IReadOnlyDictionary<ServiceProcess, int> Sent => _sent;

    /// <summary>Per RPC and status, retries answered with an error because the first attempt had been applied, as a read then showed.</summary>
    public IReadOnlyDictionary<string, int> SettledByReading => _settledByReading;

    public IReadOnlyList<CallFailure> Failures => [.. _failures];

    /// <summary>Counts a call made outside <see cref="CallAsync"/> (a watch opened).</summary>
    public void Count(string rpc, ServiceProcess to)
    {
        _calls.AddOrUpdate(rpc, 1, (_, n) => n + 1);
        _sent.AddOrUpdate(to, 1, (_, n) => n + 1);
    }

    /// <summary>
    /// <paramref name="call"/> on the ready replica of <paramref name="slot"/> (or the next one), again on
    /// another one after UNAVAILABLE. A write without a request_id gives <paramref name="applied"/>: when a
    /// retry fails otherwise, it reads whether the earlier attempt took effect and returns that result.
    /// </summary>
    public async Task<T> CallAsync<T>(string rpc, int slot, Translations.Tokens.TokenClaims caller, Func<Clients, Task<T>> call,
        Func<Clients, Task<T?>>? applied = null) where T : class
    {
        ServiceProcess? failed = null;
        for (var attempt = 1; ; attempt++)
        {
            var replica = await balancer.PickAsync(slot, avoid: failed);
            var clients = balancer.Clients(replica, caller);
            Count(rpc, replica);
            try
            {
                return await call(clients);
            }
            catch (RpcException e)
            {
                if (e.StatusCode != StatusCode.Unavailable && attempt > 1 && applied is not null && await applied(clients) is { } result)
                {
                    _settledByReading.AddOrUpdate($"{rpc} (the retry: {e.StatusCode})", 1, (_, n) => n + 1);
                    return result;
                }
                _failures.Enqueue(new CallFailure(rpc, replica, e.StatusCode, e.Status.Detail));
                if (e.StatusCode != StatusCode.Unavailable || attempt == MostAttempts)
                {
                    throw;
                }
                balancer.Failed(replica);
                failed = replica;
            }
        }
    }
}
