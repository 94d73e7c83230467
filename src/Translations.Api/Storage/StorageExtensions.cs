using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
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
        var configured = builder.Configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException($"Set ConnectionStrings__{ConnectionStringName} to a SQLite connection string.");
        var connection = new SqliteConnectionStringBuilder(configured);
        if (string.IsNullOrEmpty(connection.DataSource) || connection.DataSource == ":memory:")
        {
            throw new InvalidOperationException($"ConnectionStrings__{ConnectionStringName} must name a database file (Data Source=...).");
        }
        connection.DataSource = Path.GetFullPath(connection.DataSource, builder.Environment.ContentRootPath);

        builder.Services.AddDbContextFactory<TranslationsDbContext>(options => options.UseSqlite(connection.ToString()));
        builder.Services.AddKeyedSingleton<IReleaseStore, EfReleaseStore>(StoreKey);
        builder.Services.AddSingleton(sp => sp.GetRequiredKeyedService<IReleaseStore>(StoreKey));
        builder.Services.AddSingleton<IChangeFeed, EfChangeFeed>();
        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        return builder;
    }
}
