using System.Data;
using System.Data.Common;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Translations.Settings;

namespace Translations.Storage.PostgreSql;

/// <summary>
/// Production: one PostgreSQL database shared by every replica. Tables and columns are snake_case;
/// ids compare byte-wise (collation "C"), as on SQLite.
/// </summary>
public sealed class PostgreSqlStorageProvider(NpgsqlConnectionStringBuilder connection) : StorageProvider
{
    public const string ProviderName = "PostgreSql";

    /// <summary>
    /// The advisory lock that orders change events: an arbitrary constant, the same in every replica
    /// ("tr" "ch" in ASCII), held to the end of the writing transaction.
    /// </summary>
    public const long ChangeSequenceLock = 0x7472_6368;

    private const string Setting = $"ConnectionStrings__{StorageServiceCollectionExtensions.ConnectionStringName}";

    public override string Name => ProviderName;

    public override string Location => $"{connection.Host}:{connection.Port}/{connection.Database}";

    public override void Configure(DbContextOptionsBuilder options) =>
        options.UseNpgsql(connection.ConnectionString, npgsql => npgsql.MigrationsAssembly(typeof(PostgreSqlStorageProvider).Assembly.GetName().Name))
            .UseSnakeCaseNamingConvention()
            .ReplaceService<IModelCustomizer, PostgreSqlModelCustomizer>()
            .AddInterceptors(new BrokenConnectionsInterceptor(this));

    /// <summary>
    /// The store's hand-written one-release reads (GetRelease when the cache is off or misses) share a few
    /// physical connections through Npgsql's multiplexing: many concurrent reads go out together in one
    /// write to the socket and their results come back together, where one connection per read costs a
    /// round trip and a wake-up of a PostgreSQL backend each (GetRelease with caching off: 0.15 of
    /// Health/Check before, 0.24-0.27 after, docs/benchmarks.md). These reads run no transaction, which
    /// multiplexing requires; EF Core's connections (writes, queries) keep one connection per context.
    /// </summary>
    public override DbConnection CreateReadConnection() => new NpgsqlConnection(_multiplexedReads);

    private readonly string _multiplexedReads = new NpgsqlConnectionStringBuilder(connection.ConnectionString) { Multiplexing = true }.ConnectionString;

    /// <summary>
    /// Connects once before migrating, so that a database that is missing or cannot be reached stops
    /// start-up with one message naming the setting. The service never creates the database itself:
    /// replicas starting together would race to create it (README: Running on PostgreSQL).
    /// </summary>
    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var open = new NpgsqlConnection(connection.ConnectionString);
            await open.OpenAsync(cancellationToken);
        }
        catch (Exception failure) when (failure is NpgsqlException or SocketException or TimeoutException or ArgumentException)
        {
            var what = failure is PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName }
                ? $"the database {connection.Database} does not exist on {connection.Host}:{connection.Port}; create it (CREATE DATABASE) and grant the service's user its use"
                : $"cannot connect to the PostgreSQL database {Location} ({failure.Message.TrimEnd('.')}); check the host, port, database, user and password, and that the server accepts connections";
            throw new InvalidSettingsException([$"{Setting}: {what}."]);
        }
    }

    /// <summary>
    /// READ COMMITTED, so that each statement sees what committed before it: after
    /// <see cref="ChangeSequenceLockSql"/> the newest sequence read is the newest committed one.
    /// Under REPEATABLE READ the snapshot would predate the lock and two writers could take one sequence.
    /// </summary>
    public override Task<IDbContextTransaction> BeginWriteAsync(TranslationsDbContext db, CancellationToken cancellationToken) =>
        db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    /// <summary>
    /// A sequence or identity column would not do: two transactions can take 1 and 2 and commit 2 first,
    /// and a follower that reads "after 0" then moves past 1 for good. Plain MAX+1 without the lock makes
    /// the second of two overlapping writers fail on the primary key. The transaction-scoped advisory
    /// lock makes writers take sequences one at a time and commit in that order; it is released by the
    /// commit or rollback itself, so a writer that dies cannot leave it held.
    /// </summary>
    public override string? ChangeSequenceLockSql => $"SELECT pg_advisory_xact_lock({ChangeSequenceLock})";

    public override bool IsUnavailable(Exception failure)
    {
        for (var inner = failure; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                // Connection failures (08), the server shutting down or starting up (57P01-57P03),
                // too many connections (53300): a later call may succeed.
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections;
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                case TimeoutException:
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// An Npgsql connection string (<c>Host=db;Database=translations;Username=translations;Password=…</c>);
    /// anything else stops start-up naming the setting.
    /// </summary>
    public static PostgreSqlStorageProvider FromSettings(string? configured)
    {
        const string Example = "e.g. Host=db.internal;Port=5432;Database=translations;Username=translations;Password=<secret>";
        NpgsqlConnectionStringBuilder connection;
        try
        {
            connection = new NpgsqlConnectionStringBuilder(configured);
        }
        catch (Exception invalid) when (invalid is ArgumentException or FormatException or InvalidCastException)
        {
            throw new InvalidSettingsException([$"{Setting} is not a PostgreSQL connection string ({invalid.Message.TrimEnd('.')}); {Example}."]);
        }
        if (string.IsNullOrWhiteSpace(connection.Host) || string.IsNullOrWhiteSpace(connection.Database))
        {
            throw new InvalidSettingsException([$"{Setting} must name the PostgreSQL server and database (Host=…;Database=…) when Storage__Provider is {ProviderName}; {Example}."]);
        }
        // Npgsql's builder knows every keyword; what the operator wrote is in the string itself.
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!written.Contains("MaxAutoPrepare"))
        {
            connection.MaxAutoPrepare = AutoPreparedStatements;
        }
        if (!written.Contains("NoResetOnClose"))
        {
            // The service never changes a session's state, so a pooled connection needs no reset when it
            // is returned: Npgsql would otherwise send RESET ALL, CLOSE ALL and more with the next use of
            // every connection, a cost paid by every call that reads from the database.
            connection.NoResetOnClose = true;
        }
        return new PostgreSqlStorageProvider(connection);
    }

    /// <summary>
    /// Statements each pooled connection keeps prepared once used a few times (Npgsql's automatic
    /// preparation, off unless the connection string asks): the service runs a few dozen distinct
    /// statements, which PostgreSQL would otherwise parse and plan on every call. A connection string
    /// that sets <c>Max Auto Prepare</c> itself keeps its own value.
    /// </summary>
    public const int AutoPreparedStatements = 64;

    public override (string Sql, object[] Parameters) SearchSql(ModelSql names, Releases.ReleaseSearch search) => PostgreSqlSearch.Sql(names, search);

    /// <summary>A session advisory lock ("tr" "mi"), taken and released by the migrator's connection.</summary>
    public override MigrationLock? MigrationLock { get; } = new("SELECT pg_advisory_lock(1953655145)", "SELECT pg_advisory_unlock(1953655145)");
}
