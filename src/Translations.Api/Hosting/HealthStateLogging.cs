using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Translations.Hosting;

/// <summary>
/// Logs what the health checks found when it changes, once per check: a check that turns Degraded
/// (Warning) or Unhealthy (Error), and its return to Healthy (Information), each with the check's
/// description; while a check is not healthy, a reminder at most every <see cref="ReminderInterval"/>.
/// It stands in for Microsoft.Extensions.Diagnostics.HealthChecks' own log, which repeats every
/// non-healthy result of every round (every 2 s) and is therefore switched off.
/// </summary>
public sealed partial class HealthStateLogging(ILogger<HealthStateLogging> logger, TimeProvider time) : IHealthCheckPublisher
{
    public static readonly TimeSpan ReminderInterval = TimeSpan.FromMinutes(1);

    /// <summary>The category whose per-round results this replaces.</summary>
    public const string HealthCheckServiceCategory = "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService";

    private readonly Dictionary<string, CheckState> _checks = [];

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_checks)
        {
            foreach (var (name, entry) in report.Entries)
            {
                var last = _checks.GetValueOrDefault(name, new CheckState(HealthStatus.Healthy, now, now));
                var description = entry.Description ?? entry.Exception?.Message ?? "no description";
                if (entry.Status == last.Status)
                {
                    if (entry.Status != HealthStatus.Healthy && now - last.Logged >= ReminderInterval)
                    {
                        LogStill(LevelOf(entry.Status), name, entry.Status, (now - last.Since).TotalSeconds, description);
                        _checks[name] = last with { Logged = now };
                    }
                    continue;
                }
                if (entry.Status == HealthStatus.Healthy)
                {
                    LogRecovered(name, entry.Status, (now - last.Since).TotalSeconds, last.Status, description);
                    _checks[name] = new CheckState(entry.Status, now, now);
                }
                else
                {
                    LogChanged(LevelOf(entry.Status), entry.Exception, name, entry.Status, last.Status, description);
                    _checks[name] = new CheckState(entry.Status, last.Status == HealthStatus.Healthy ? now : last.Since, now);
                }
            }
        }
        return Task.CompletedTask;
    }

    private static LogLevel LevelOf(HealthStatus status) => status == HealthStatus.Unhealthy ? LogLevel.Error : LogLevel.Warning;

    /// <param name="Status">The check's last status.</param>
    /// <param name="Since">When the check stopped being healthy (or last became healthy).</param>
    /// <param name="Logged">When its state was last logged.</param>
    private sealed record CheckState(HealthStatus Status, DateTimeOffset Since, DateTimeOffset Logged);

    [LoggerMessage(Message = "Health check {Check} is {Status} (was {Previous}): {Description}")]
    private partial void LogChanged(LogLevel level, Exception? exception, string check, HealthStatus status, HealthStatus previous, string description);

    [LoggerMessage(Message = "Health check {Check} is still {Status}, for {Seconds:0} s now: {Description}")]
    private partial void LogStill(LogLevel level, string check, HealthStatus status, double seconds, string description);

    [LoggerMessage(Level = LogLevel.Information, Message = "Health check {Check} is {Status} again after {Seconds:0} s (was {Previous}): {Description}")]
    private partial void LogRecovered(string check, HealthStatus status, double seconds, HealthStatus previous, string description);
}
