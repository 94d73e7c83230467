using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Translations.Storage;

/// <summary>Creates the database folder, applies the checked-in migrations and switches SQLite to WAL, once, at start-up.</summary>
internal sealed partial class DatabaseMigrator(IDbContextFactory<TranslationsDbContext> contexts, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var path = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await db.Database.MigrateAsync(cancellationToken);
        // WAL lets readers run beside the single writer; the mode is stored in the file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        LogDatabase(path);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Releases are stored in SQLite at {Path}")]
    private partial void LogDatabase(string path);
}
