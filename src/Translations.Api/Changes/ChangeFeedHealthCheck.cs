using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Translations.Hosting;

namespace Translations.Changes;

/// <summary>
/// Ready only when the change-feed follower has read the feed to its end within about its poll
/// interval (twice it, plus a second for a busy machine): a replica whose cache and watchers lag
/// behind the database should not get calls.
/// </summary>
public sealed class ChangeFeedHealthCheck(ChangeFeedProgress progress, IOptions<ChangeFeedOptions> options, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var allowed = 2 * options.Value.PollInterval + TimeSpan.FromSeconds(1);
        var since = progress.CaughtUpAt is { } at ? time.GetUtcNow() - at : (TimeSpan?)null;
        return Task.FromResult(since is { } age && age <= allowed
            ? HealthCheckResult.Healthy($"caught up to sequence {progress.Applied}")
            : HealthCheckResult.Unhealthy(since is { } late
                ? $"the change feed was last read to its end {late.TotalSeconds:0.#} s ago (allowed: {allowed.TotalSeconds:0.#} s, twice Changes__PollInterval plus 1 s); applied up to sequence {progress.Applied}, {progress.Lag} behind"
                : "the change feed has not been read yet"));
    }
}
