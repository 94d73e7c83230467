using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;
using Translations.Settings;

namespace Translations.Storage.Sqlite;

/// <summary>The embedded default: one SQLite file in WAL mode, one writer at a time, readers beside it.</summary>
public sealed class SqliteStorageProvider(SqliteConnectionStringBuilder connection) : StorageProvider
{
    public const string ProviderName = "Sqlite";

    private const string Setting = $"ConnectionStrings__{StorageServiceCollectionExtensions.ConnectionStringName}";

    public override string Name => ProviderName;

    public override string Location => connection.DataSource;

    public override void Configure(DbContextOptionsBuilder options) =>
        options.UseSqlite(connection.ToString(), sqlite => sqlite.MigrationsAssembly(typeof(SqliteStorageProvider).Assembly.GetName().Name))
            .AddInterceptors(SearchFunctions);

    private static readonly SqliteSearch.Functions SearchFunctions = new();

    public override DbConnection CreateReadConnection() => new SqliteConnection(connection.ToString());

    /// <summary>Microsoft.Data.Sqlite compiles a command's statements again for every new command.</summary>
    public override bool KeepsReadsPrepared => true;

    /// <summary>
    /// Creates the folder and switches the file to WAL (stored in the file), opening it without EF Core
    /// first so that a file that cannot be opened or written is reported once, here, and not also
    /// logged with a stack trace by EF Core's command logging.
    /// </summary>
    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(connection.DataSource)!);
            await using var open = new SqliteConnection(connection.ToString());
            await open.OpenAsync(cancellationToken);
            await using var wal = open.CreateCommand();
            // WAL lets readers run beside the single writer.
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken);
            WriterTurns.Open();
        }
        catch (Exception failure) when (failure is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidSettingsException([
                $"{Setting}: cannot open or create the SQLite database {connection.DataSource} "
                + $"({failure.Message.TrimEnd('.')}). Point it at a file in a folder the service may write, or fix that folder's permissions."]);
        }
    }

    /// <summary>
    /// Microsoft.Data.Sqlite begins with BEGIN IMMEDIATE: the write holds the database's one write lock
    /// from its first statement. Writers take turns before that, within this process asynchronously and
    /// with other replicas on the same file through a file lock (<see cref="WriterTurns"/>); only another
    /// program writing the file can still find it locked, and then SQLite's busy handler retries.
    /// Without it Microsoft.Data.Sqlite retries by itself, blocking a thread for 150 ms each time.
    /// </summary>
    public override async Task<IDbContextTransaction> BeginWriteAsync(TranslationsDbContext db, CancellationToken cancellationToken)
    {
        var turn = await WriterTurns.WaitAsync(cancellationToken);
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            var sqlite = (SqliteConnection)db.Database.GetDbConnection();
            raw.sqlite3_busy_timeout(sqlite.Handle, sqlite.DefaultTimeout * 1000);
            return new TurnTakingTransaction(await db.Database.BeginTransactionAsync(cancellationToken), turn);
        }
        catch
        {
            turn.Dispose();
            throw;
        }
    }

    /// <summary>One writer of this process at a time, in the order they came.</summary>
    private WriterTurns WriterTurns { get; } = new(connection.DataSource);

    /// <summary>Nothing to take: the write transaction has held SQLite's single write lock since it began.</summary>
    public override string? ChangeSequenceLockSql => null;

    /// <summary>The file stayed locked past the busy timeout, or cannot be read or written right now.</summary>
    public override bool IsUnavailable(Exception failure) =>
        Innermost<SqliteException>(failure) is { SqliteErrorCode: 5 or 6 or 10 or 13 or 14 };

    private static T? Innermost<T>(Exception? failure) where T : Exception
    {
        for (; failure is not null; failure = failure.InnerException)
        {
            if (failure is T found)
            {
                return found;
            }
        }
        return null;
    }

    /// <summary>
    /// The connection string of a database file, relative paths taken from <paramref name="contentRoot"/>;
    /// anything else (no file, in memory, not a SQLite connection string) stops start-up naming the setting.
    /// </summary>
    public static SqliteStorageProvider FromSettings(string? configured, string contentRoot)
    {
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
        if (string.IsNullOrEmpty(connection.DataSource) || connection.DataSource == ":memory:" || connection.Mode == SqliteOpenMode.Memory)
        {
            throw new InvalidSettingsException([$"{Setting} must name a database file (Data Source=<file>, not in memory), {Example}."]);
        }
        connection.DataSource = Path.GetFullPath(connection.DataSource, contentRoot);
        return new SqliteStorageProvider(connection);
    }

    public override (string Sql, object[] Parameters) SearchSql(ModelSql names, Releases.ReleaseSearch search) => SqliteSearch.Sql(names, search);
}
