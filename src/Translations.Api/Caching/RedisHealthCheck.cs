using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Translations.Caching;

/// <summary>Redis is an accelerator, not a dependency: without it the service is Degraded, still serving.</summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(redis.IsConnected
            ? HealthCheckResult.Healthy($"Redis at {redis.Endpoint} is connected.")
            : HealthCheckResult.Degraded($"Redis at {redis.Endpoint} is unreachable; serving from process memory and the database."));
}
