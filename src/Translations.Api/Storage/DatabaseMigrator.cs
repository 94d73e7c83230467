using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Translations.Hosting;

namespace Translations.Storage;

/// <summary>
/// Creates the database folder, applies the checked-in migrations and switches SQLite to WAL, once,
/// before the host starts (<see cref="StorageExtensions.PrepareStorageAsync"/>).
/// </summary>
internal sealed partial class DatabaseMigrator(IDbContextFactory<TranslationsDbContext> contexts, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var path = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // Opened without EF Core first, so that a file that cannot be opened or written is reported
            // once, here, and not also logged with a stack trace by EF Core's command logging.
            await using var connection = new SqliteConnection(db.Database.GetConnectionString());
            await connection.OpenAsync(cancellationToken);
            await using var wal = connection.CreateCommand();
            // WAL lets readers run beside the single writer; the mode is stored in the file.
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception failure) when (failure is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidSettingsException([
                $"ConnectionStrings__{StorageExtensions.ConnectionStringName}: cannot open or create the SQLite database {path} "
                + $"({failure.Message.TrimEnd('.')}). Point it at a file in a folder the service may write, or fix that folder's permissions."]);
        }
        await db.Database.MigrateAsync(cancellationToken);
        LogDatabase(path);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Releases are stored in SQLite at {Path}")]
    private partial void LogDatabase(string path);
}
