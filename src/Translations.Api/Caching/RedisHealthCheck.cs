using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Translations.Caching;

/// <summary>
/// Redis is an accelerator, not a dependency: without it the service is Degraded, still serving. With
/// caching off (<c>Cache__Enabled=false</c>) it still carries the change feed's wake-ups, and there is no L2.
/// </summary>
internal sealed class RedisHealthCheck(RedisConnection redis, ResilientDistributedCache? l2 = null) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            !redis.IsConnected ? HealthCheckResult.Degraded($"Redis at {redis.Endpoint} is unreachable; serving from process memory and the database.")
            : l2 is { PendingRemovals: > 0 } ? HealthCheckResult.Degraded($"Redis at {redis.Endpoint} is back; {l2.PendingRemovals} evictions from the outage still to carry out.")
            : HealthCheckResult.Healthy($"Redis at {redis.Endpoint} is connected."));
}
