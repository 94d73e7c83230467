using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Translations.Caching;

/// <summary>Redis is an accelerator, not a dependency: without it the service is Degraded, still serving.</summary>
internal sealed class RedisHealthCheck(RedisConnection redis, ResilientDistributedCache l2) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            !redis.IsConnected ? HealthCheckResult.Degraded($"Redis at {redis.Endpoint} is unreachable; serving from process memory and the database.")
            : l2.PendingRemovals > 0 ? HealthCheckResult.Degraded($"Redis at {redis.Endpoint} is back; {l2.PendingRemovals} evictions from the outage still to carry out.")
            : HealthCheckResult.Healthy($"Redis at {redis.Endpoint} is connected."));
}
