using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Translations.Settings;

namespace Translations.Storage;

/// <summary>
/// Gets the database ready and applies the checked-in migrations of its provider, once, before the
/// host starts. Replicas starting together are safe: EF Core (9 and later) takes the provider's
/// migration lock in the database, and a replica that waited for it finds the migrations applied and has
/// nothing left to do (PostgreSqlStartupTests starts three on one empty database).
/// </summary>
public sealed partial class DatabaseMigrator(IDbContextFactory<TranslationsDbContext> contexts, StorageProvider provider, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await provider.PrepareAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        try
        {
            // One connection for the whole run, holding the provider's own lock: with two migrations, replicas
            // starting together on PostgreSQL applied the second twice under EF Core's lock alone.
            await db.Database.OpenConnectionAsync(cancellationToken);
            if (provider.MigrationLock is not { } migrationLock)
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync(migrationLock.TakeSql, cancellationToken);
                try
                {
                    await db.Database.MigrateAsync(cancellationToken);
                }
                finally
                {
                    // Released on the same connection before it goes back to the pool (where its session, and the
                    // lock, would live on). A broken connection is not pooled: its session ends with it.
                    await db.Database.ExecuteSqlRawAsync(migrationLock.ReleaseSql, CancellationToken.None);
                }
            }
            await db.Database.CloseConnectionAsync();
        }
        catch (Exception failure) when (provider.IsUnavailable(failure))
        {
            throw new InvalidSettingsException([
                $"ConnectionStrings__{StorageServiceCollectionExtensions.ConnectionStringName}: the {provider.Name} database at {provider.Location} "
                + $"went away while its migrations were applied ({failure.Message.TrimEnd('.')}). Check that it is reachable, then start again."]);
        }
        LogDatabase(provider.Name, provider.Location);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Releases are stored in {Provider} at {Location}")]
    private partial void LogDatabase(string provider, string location);
}
