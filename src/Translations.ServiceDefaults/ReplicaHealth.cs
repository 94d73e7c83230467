using Grpc.HealthCheck;
using Grpc.Health.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Translations.Hosting;

/// <summary>
/// Whether this replica should get calls, as the health checks last found it (every 2 s) and as the
/// draining has it (at once): the one answer behind the gRPC health services and the plain-HTTP
/// paths. Checks tagged <see cref="LiveTag"/> decide liveness; every other check decides readiness,
/// where Degraded (Redis away) is still ready and Unhealthy is not.
/// </summary>
public sealed class ReplicaHealth(HealthServiceImpl grpcHealth) : IHealthCheckPublisher
{
    public const string LiveTag = "live";

    private volatile HealthReport? _last;
    private volatile bool _draining;

    public bool IsDraining => _draining;

    /// <summary>The last report, or null before the first round of checks.</summary>
    public HealthReport? LastReport => _last;

    public bool IsReady => !_draining && _last is { } report && ReadinessEntries(report).All(entry => entry.Value.Status != HealthStatus.Unhealthy);

    /// <summary>Not ready from now on, in every health answer; the next rounds of checks agree (the draining check).</summary>
    public void StartDraining()
    {
        _draining = true;
        SetReadiness(ServingStatus.NotServing);
    }

    /// <summary>Before the first round: alive, not yet ready (instead of NOT_FOUND for every service).</summary>
    public void Starting()
    {
        grpcHealth.SetStatus(HealthProbes.Liveness, ServingStatus.Serving);
        SetReadiness(ServingStatus.NotServing);
    }

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        _last = report;
        if (_draining)
        {
            // The gRPC publisher may have just published SERVING from a round that began before draining.
            SetReadiness(ServingStatus.NotServing);
        }
        return Task.CompletedTask;
    }

    public static IEnumerable<KeyValuePair<string, HealthReportEntry>> ReadinessEntries(HealthReport report) =>
        report.Entries.Where(entry => !entry.Value.Tags.Contains(LiveTag));

    private void SetReadiness(ServingStatus status)
    {
        grpcHealth.SetStatus("", status);
        grpcHealth.SetStatus(HealthProbes.Readiness, status);
    }
}

/// <summary>Unhealthy once the replica drains, so that every later round of checks keeps it out of readiness.</summary>
internal sealed class DrainingHealthCheck(ReplicaHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(health.IsDraining
            ? HealthCheckResult.Unhealthy("this replica is stopping (SIGTERM): it finishes its calls and takes no new ones")
            : HealthCheckResult.Healthy("not draining"));
}
