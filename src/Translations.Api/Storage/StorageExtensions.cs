using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Translations.Hosting;
using Translations.Storage;

namespace Microsoft.Extensions.Hosting;

public static class StorageExtensions
{
    public const string ConnectionStringName = "Releases";

    /// <summary>The key of the database-backed store, which decorators such as the cache wrap.</summary>
    public const string StoreKey = "storage";

    /// <summary>
    /// The release store on SQLite at <c>ConnectionStrings:Releases</c>; the folder is created and the
    /// migrations applied at start-up, before the server accepts calls.
    /// </summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        var connection = DatabaseFile(builder.Configuration.GetConnectionString(ConnectionStringName));
        connection.DataSource = Path.GetFullPath(connection.DataSource, builder.Environment.ContentRootPath);

        builder.Services.AddDbContextFactory<TranslationsDbContext>(options => options.UseSqlite(connection.ToString()));
        builder.Services.AddKeyedSingleton<IReleaseStore, EfReleaseStore>(StoreKey);
        builder.Services.AddSingleton(sp => sp.GetRequiredKeyedService<IReleaseStore>(StoreKey));
        builder.Services.AddSingleton<IChangeFeed, EfChangeFeed>();
        builder.Services.AddSingleton<DatabaseMigrator>();
        builder.Services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        return builder;
    }

    /// <summary>
    /// Creates the database folder and applies the migrations before the host starts, so that the
    /// change-feed follower and every other hosted service find the tables; a database that cannot be
    /// opened or created stops start-up with <see cref="InvalidSettingsException"/>.
    /// </summary>
    public static async Task<WebApplication> PrepareStorageAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(app.Lifetime.ApplicationStopping);
        return app;
    }

    private static SqliteConnectionStringBuilder DatabaseFile(string? configured)
    {
        const string Setting = $"ConnectionStrings__{ConnectionStringName}";
        const string Example = "e.g. Data Source=/var/lib/translations/releases.db";
        SqliteConnectionStringBuilder connection;
        try
        {
            connection = new SqliteConnectionStringBuilder(configured);
        }
        catch (ArgumentException invalid)
        {
            throw new InvalidSettingsException([$"{Setting} is not a SQLite connection string ({invalid.Message.TrimEnd('.')}); write Data Source=<file>, {Example}."]);
        }
        return string.IsNullOrEmpty(connection.DataSource) || connection.DataSource == ":memory:" || connection.Mode == SqliteOpenMode.Memory
            ? throw new InvalidSettingsException([$"{Setting} must name a database file (Data Source=<file>, not in memory), {Example}."])
            : connection;
    }
}
