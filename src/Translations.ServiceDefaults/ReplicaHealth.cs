using Grpc.HealthCheck;
using Grpc.Health.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Translations.Hosting;

/// <summary>
/// Whether this replica should get calls, as the health checks last found it (every 2 s) and as the
/// draining has it (at once): the one answer behind the gRPC health services and the plain-HTTP
/// paths. Checks tagged <see cref="LiveTag"/> decide liveness; every other check decides readiness,
/// where Degraded (Redis away) is still ready and Unhealthy is not. It alone sets the gRPC statuses,
/// under one lock, so that a round of checks that began before draining cannot turn readiness back on.
/// </summary>
public sealed class ReplicaHealth(HealthServiceImpl grpcHealth) : IHealthCheckPublisher
{
    public const string LiveTag = "live";

    private readonly Lock _lock = new();
    private volatile HealthReport? _last;
    private volatile bool _draining;

    public bool IsDraining => _draining;

    /// <summary>The last report, or null before the first round of checks.</summary>
    public HealthReport? LastReport => _last;

    public bool IsReady => !_draining && _last is { } report && ReadinessEntries(report).All(entry => entry.Value.Status != HealthStatus.Unhealthy);

    public bool IsAlive => _last is not { } report || report.Entries.Where(entry => entry.Value.Tags.Contains(LiveTag)).All(entry => entry.Value.Status != HealthStatus.Unhealthy);

    /// <summary>Not ready from now on, in every health answer.</summary>
    public void StartDraining()
    {
        lock (_lock)
        {
            _draining = true;
            Publish();
        }
    }

    /// <summary>Before the first round: alive, not yet ready (instead of NOT_FOUND for every service).</summary>
    public void Starting()
    {
        lock (_lock)
        {
            Publish();
        }
    }

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _last = report;
            Publish();
        }
        return Task.CompletedTask;
    }

    private void Publish()
    {
        var readiness = IsReady ? ServingStatus.Serving : ServingStatus.NotServing;
        grpcHealth.SetStatus("", readiness);
        grpcHealth.SetStatus(HealthProbes.Readiness, readiness);
        grpcHealth.SetStatus(HealthProbes.Liveness, IsAlive ? ServingStatus.Serving : ServingStatus.NotServing);
    }

    public static IEnumerable<KeyValuePair<string, HealthReportEntry>> ReadinessEntries(HealthReport report) =>
        report.Entries.Where(entry => !entry.Value.Tags.Contains(LiveTag));
}

/// <summary>Unhealthy once the replica drains, so that every later round of checks keeps it out of readiness.</summary>
internal sealed class DrainingHealthCheck(ReplicaHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(health.IsDraining
            ? HealthCheckResult.Unhealthy("this replica is stopping (SIGTERM): it finishes its calls and takes no new ones")
            : HealthCheckResult.Healthy("not draining"));
}
