using Translations.Settings;
using Translations.Storage;
using Translations.Storage.PostgreSql;
using Translations.Storage.Sqlite;

namespace Translations.Hosting;

public static class StorageExtensions
{
    public const string ProviderSetting = "Storage:Provider";

    /// <summary>
    /// The release store on the database <c>Storage__Provider</c> names: <c>Sqlite</c> (the default, a file
    /// at <c>ConnectionStrings__Releases</c>) or <c>PostgreSql</c> (an Npgsql connection string there).
    /// </summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetConnectionString(StorageServiceCollectionExtensions.ConnectionStringName);
        StorageProvider provider = builder.Configuration[ProviderSetting] switch
        {
            null or "" => SqliteStorageProvider.FromSettings(configured, builder.Environment.ContentRootPath),
            var name when name.Equals(SqliteStorageProvider.ProviderName, StringComparison.OrdinalIgnoreCase) =>
                SqliteStorageProvider.FromSettings(configured, builder.Environment.ContentRootPath),
            var name when name.Equals(PostgreSqlStorageProvider.ProviderName, StringComparison.OrdinalIgnoreCase) =>
                PostgreSqlStorageProvider.FromSettings(configured),
            _ => throw new InvalidSettingsException([
                $"Storage__Provider names no database this service knows; write {SqliteStorageProvider.ProviderName} (the default, a file) or {PostgreSqlStorageProvider.ProviderName}."]),
        };
        builder.Services.AddReleaseStorage(provider);
        builder.Services.AddSingleton<DatabaseOutageLog>();
        return builder;
    }

    /// <summary>
    /// Applies the migrations before the host starts, so that the change-feed follower and every other
    /// hosted service find the tables; a database that cannot be reached stops start-up with
    /// <see cref="InvalidSettingsException"/>.
    /// </summary>
    public static async Task<WebApplication> PrepareStorageAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(app.Lifetime.ApplicationStopping);
        return app;
    }
}
