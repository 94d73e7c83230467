using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Translations.Storage;

/// <summary>
/// Healthy when a query of the change feed runs: a pooled connection that merely opens says nothing
/// after the database restarted, and the change feed is what every replica's cache and watches follow.
/// </summary>
public sealed class StorageHealthCheck(IDbContextFactory<TranslationsDbContext> contexts, StorageProvider provider) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.ChangeEvents.OrderByDescending(e => e.Sequence).Select(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception failure) when (provider.IsUnavailable(failure))
        {
            return HealthCheckResult.Unhealthy($"The release database ({provider.Name} at {provider.Location}) cannot be reached: {failure.GetType().Name}.");
        }
    }
}
