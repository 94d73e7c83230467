using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Translations.Hosting;

namespace Translations.Tests;

/// <summary>What the health publisher's rounds (every 2 s) leave in the log: changes of state, and a reminder at most every minute.</summary>
public sealed class HealthStateLoggingTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private readonly FakeLogger<HealthStateLogging> _logger = new();

    [Fact]
    public async Task A_long_outage_is_logged_when_it_starts_then_reminded_at_most_every_minute_then_logged_when_it_ends()
    {
        var publisher = new HealthStateLogging(_logger, _time);
        async Task Round(HealthStatus status, string description)
        {
            var entry = new HealthReportEntry(status, description, TimeSpan.Zero, null, null);
            await publisher.PublishAsync(new HealthReport(new Dictionary<string, HealthReportEntry> { ["redis"] = entry }, TimeSpan.Zero), CancellationToken.None);
            _time.Advance(TimeSpan.FromSeconds(2));
        }

        await Round(HealthStatus.Healthy, "Redis is connected.");
        for (var i = 0; i < 75; i++)   // 150 s down: rounds at 0 s, 2 s, ..., 148 s
        {
            await Round(HealthStatus.Degraded, i < 70 ? "Redis is unreachable." : "Redis is back; 3 evictions still to carry out.");
        }
        await Round(HealthStatus.Healthy, "Redis is connected.");
        await Round(HealthStatus.Healthy, "Redis is connected.");

        var lines = _logger.Collector.GetSnapshot().Select(r => (r.Level, Text: r.Message)).ToList();
        Assert.Equal(
        [
            (LogLevel.Warning, "Health check redis is Degraded (was Healthy): Redis is unreachable."),
            (LogLevel.Warning, "Health check redis is still Degraded, for 60 s now: Redis is unreachable."),
            (LogLevel.Warning, "Health check redis is still Degraded, for 120 s now: Redis is unreachable."),
            (LogLevel.Information, "Health check redis is Healthy again after 150 s (was Degraded): Redis is connected."),
        ], lines);
    }
}
