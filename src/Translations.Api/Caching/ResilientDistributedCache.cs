using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Distributed;

namespace Translations.Caching;

/// <summary>
/// HybridCache's L2: Redis (through Microsoft.Extensions.Caching.StackExchangeRedis), guarded so
/// that Redis being away never fails or stalls a call. While disconnected, reads are misses and
/// writes are skipped at once; removals are remembered and carried out when Redis is back, so no
/// entry made stale during the outage is served from Redis afterwards.
/// </summary>
public sealed class ResilientDistributedCache : IDistributedCache
{
    private readonly IDistributedCache _redis;
    private readonly RedisConnection _connection;
    private readonly CacheMetrics _metrics;
    private readonly ConcurrentDictionary<string, byte> _pendingRemovals = new();

    internal ResilientDistributedCache(IDistributedCache redis, RedisConnection connection, CacheMetrics metrics)
    {
        _redis = redis;
        _connection = connection;
        _metrics = metrics;
        connection.Restored += () => _ = ReplayRemovalsAsync();
    }

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        using var call = CallActivities.Enter(key);
        var value = _connection.IsConnected && !_pendingRemovals.ContainsKey(key)
            ? await TryAsync(() => _redis.GetAsync(key, token), default(byte[]))
            : null;
        (value is null ? _metrics.L2Misses : _metrics.L2Hits).Add(1);
        return value;
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        using var call = CallActivities.Enter(key);
        if (_connection.IsConnected)
        {
            await TryAsync(() => _redis.SetAsync(key, value, options, token));
        }
    }

    public void Refresh(string key)
    {
    }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public async Task RemoveAsync(string key, CancellationToken token = default)
    {
        if (!_connection.IsConnected || !await TryAsync(() => _redis.RemoveAsync(key, token)))
        {
            _pendingRemovals.TryAdd(key, 0);
        }
    }

    /// <summary>Removals that could not reach Redis yet; until they have, Redis is not trusted for those keys.</summary>
    public int PendingRemovals => _pendingRemovals.Count;

    /// <summary>Carries out the remembered removals once Redis is reachable. Removals are idempotent, so replaying one twice costs nothing.</summary>
    public async Task ReplayRemovalsAsync()
    {
        if (_pendingRemovals.IsEmpty || !_connection.IsConnected)
        {
            return;
        }
        foreach (var key in _pendingRemovals.Keys)
        {
            if (await TryAsync(() => _redis.RemoveAsync(key)))
            {
                _pendingRemovals.TryRemove(key, out _);
            }
        }
    }

    private async Task<T> TryAsync<T>(Func<Task<T>> call, T fallback)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException or ObjectDisposedException)
        {
            _metrics.RedisErrors.Add(1);
            return fallback;
        }
    }

    private async Task<bool> TryAsync(Func<Task> call) => await TryAsync(async () => { await call(); return true; }, false);
}
