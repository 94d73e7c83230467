using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Translations.Changes;

namespace Translations.Storage;

public static class StorageServiceCollectionExtensions
{
    public const string ConnectionStringName = "Releases";

    /// <summary>The key of the database-backed store, which decorators such as the cache wrap.</summary>
    public const string StoreKey = "storage";

    /// <summary>
    /// The release store and change feed on the database <paramref name="provider"/> describes. Contexts
    /// come from a pool: a read resets and reuses one instead of building a context and its services.
    /// </summary>
    public static IServiceCollection AddReleaseStorage(this IServiceCollection services, StorageProvider provider)
    {
        services.AddSingleton(provider);
        services.AddPooledDbContextFactory<TranslationsDbContext>(provider.Configure);
        services.AddSingleton<EfReleaseStore>();
        services.AddKeyedSingleton<IReleaseStore>(StoreKey, (sp, _) => sp.GetRequiredService<EfReleaseStore>());
        services.AddSingleton(sp => sp.GetRequiredKeyedService<IReleaseStore>(StoreKey));
        // Backups and search go to the database store itself, whatever decorates the keyed one.
        services.AddSingleton<IReleaseBackups>(sp => sp.GetRequiredService<EfReleaseStore>());
        services.AddSingleton<IReleaseSearch>(sp => sp.GetRequiredService<EfReleaseStore>());
        services.AddSingleton<IChangeFeed, EfChangeFeed>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        return services;
    }
}
