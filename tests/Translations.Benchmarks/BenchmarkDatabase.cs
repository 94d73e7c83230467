using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Translations.Storage;
using Translations.Storage.PostgreSql;
using Translations.Storage.Sqlite;
using Translations.Testing;

namespace Translations.Benchmarks;

/// <summary>
/// One database the benchmark runs against: the store's provider, what the servers are told
/// (<c>Storage__Provider</c>, <c>ConnectionStrings__Releases</c>), the database's own CPU time, and
/// the rate of durable one-row transactions it commits on this machine, the ceiling for writes.
/// </summary>
internal abstract class BenchmarkDatabase : IAsyncDisposable
{
    protected BenchmarkDatabase(StorageProvider provider)
    {
        Provider = provider;
        var options = new DbContextOptionsBuilder<TranslationsDbContext>();
        provider.Configure(options);
        Contexts = new PooledDbContextFactory<TranslationsDbContext>(options.Options);
    }

    /// <summary>SQLite or PostgreSQL, as the report names it.</summary>
    public abstract string Name { get; }

    public StorageProvider Provider { get; }

    public IDbContextFactory<TranslationsDbContext> Contexts { get; }

    public abstract IReadOnlyDictionary<string, string> ServerSettings { get; }

    /// <summary>The database, its version and durability settings as read from it.</summary>
    public string Description { get; protected set; } = "";

    /// <summary>
    /// A plain connection from the driver's own pool, for the yardstick scans: the database and driver at
    /// their fastest, whatever the service's read path chooses.
    /// </summary>
    public virtual DbConnection CreatePlainConnection() => Provider.CreateReadConnection();

    /// <summary>After seeding: what the database would have done on its own by the time it held this many rows.</summary>
    public virtual Task AfterSeedingAsync() => Task.CompletedTask;

    /// <summary>What a server is told to use a new, empty database of this kind named <paramref name="name"/> (for restoring a backup into).</summary>
    public abstract Task<IReadOnlyDictionary<string, string>> EmptyDatabaseSettingsAsync(string name);

    /// <summary>A copy of the database as it stands now, named <paramref name="name"/>, that a server can be pointed at.</summary>
    public abstract Task<DatabaseCopy> CopyAsync(string name);

    /// <summary>CPU time (user + system, seconds) of the database's own processes; 0 for SQLite, which runs inside each process using it.</summary>
    public abstract double CpuSeconds();

    /// <summary>
    /// Durable one-row transactions per second, one after the other on one connection, in a table of a
    /// database of its own beside the benchmark's (same file system, same server, same settings).
    /// </summary>
    public async Task<double> DurableCommitsPerSecondAsync(TimeSpan duration)
    {
        await using var connection = await OpenScratchAsync();
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "DROP TABLE IF EXISTS one_row_commits; CREATE TABLE one_row_commits (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)";
            await create.ExecuteNonQueryAsync();
        }
        var commits = 0L;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO one_row_commits (id, payload) VALUES ({commits + 1}, 'one row')";
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            commits++;
        }
        return commits / clock.Elapsed.TotalSeconds;
    }

    /// <summary>An open connection to an empty database next to the benchmark's, with the same durability.</summary>
    protected abstract Task<DbConnection> OpenScratchAsync();

    public abstract ValueTask DisposeAsync();

    public static async Task<BenchmarkDatabase> StartAsync(string name, string workspace) =>
        name.ToLowerInvariant() switch
        {
            "sqlite" => await SqliteDatabase.CreateAsync(workspace),
            "postgresql" => await PostgreSqlDatabase.StartAsync(),
            _ => throw new ArgumentException($"Unknown database {name}: write sqlite or postgresql."),
        };
}

/// <summary>A SQLite file in the benchmark's workspace, set up by the service's own provider (WAL).</summary>
internal sealed class SqliteDatabase : BenchmarkDatabase
{
    private readonly string _path;
    private readonly string _scratch;

    private SqliteDatabase(string path, string scratch)
        : base(new SqliteStorageProvider(new SqliteConnectionStringBuilder($"Data Source={path}")))
    {
        _path = path;
        _scratch = scratch;
    }

    public override string Name => "SQLite";

    public override IReadOnlyDictionary<string, string> ServerSettings => new Dictionary<string, string>
    {
        ["Storage__Provider"] = SqliteStorageProvider.ProviderName,
        ["ConnectionStrings__Releases"] = $"Data Source={_path}",
    };

    public static async Task<SqliteDatabase> CreateAsync(string workspace)
    {
        var database = new SqliteDatabase(Path.Combine(workspace, "releases.db"), Path.Combine(workspace, "one-row-commits.db"));
        await database.Provider.PrepareAsync(CancellationToken.None);
        // What the service's connections run with: the journal mode it set, and synchronous as it leaves it.
        await using var db = await database.Contexts.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var journal = await Pragma(db.Database.GetDbConnection(), "journal_mode");
        var synchronous = await Pragma(db.Database.GetDbConnection(), "synchronous");
        database.Description = $"SQLite {SqliteVersion(db.Database.GetDbConnection())}, journal_mode={journal}, synchronous={SynchronousName(synchronous)} " +
            $"(PRAGMA synchronous on the service's own connection: {synchronous}; the service sets WAL and leaves synchronous at SQLite's default)";
        return database;
    }

    public override double CpuSeconds() => 0;

    /// <summary>VACUUM INTO a file beside the database, then WAL as the service sets it.</summary>
    public override async Task<DatabaseCopy> CopyAsync(string name)
    {
        var copy = Path.Combine(Path.GetDirectoryName(_path)!, name + ".db");
        await using (var connection = new SqliteConnection($"Data Source={_path}"))
        {
            await connection.OpenAsync();
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $copy";
            vacuum.Parameters.AddWithValue("$copy", copy);
            await vacuum.ExecuteNonQueryAsync();
        }
        var connectionString = $"Data Source={copy}";
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteNonQueryAsync();
        }
        return new DatabaseCopy(
            new Dictionary<string, string> { ["Storage__Provider"] = SqliteStorageProvider.ProviderName, ["ConnectionStrings__Releases"] = connectionString },
            () => new SqliteConnection(connectionString + ";Pooling=false"),
            () =>
            {
                SqliteConnection.ClearAllPools();
                foreach (var file in new[] { copy, copy + "-wal", copy + "-shm" })
                {
                    File.Delete(file);
                }
                return Task.CompletedTask;
            });
    }

    public override Task<IReadOnlyDictionary<string, string>> EmptyDatabaseSettingsAsync(string name) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>
        {
            ["Storage__Provider"] = SqliteStorageProvider.ProviderName,
            ["ConnectionStrings__Releases"] = $"Data Source={Path.Combine(Path.GetDirectoryName(_path)!, name + ".db")}",
        });

    protected override async Task<DbConnection> OpenScratchAsync()
    {
        var connection = new SqliteConnection($"Data Source={_scratch};Pooling=false");
        await connection.OpenAsync();
        await using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;";
        await pragmas.ExecuteNonQueryAsync();
        return connection;
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    private static async Task<string> Pragma(DbConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    private static string SqliteVersion(DbConnection connection) => connection.ServerVersion;

    private static string SynchronousName(string value) => value switch
    {
        "0" => "OFF",
        "1" => "NORMAL",
        "2" => "FULL",
        "3" => "EXTRA",
        _ => value,
    };
}

/// <summary>A throw-away PostgreSQL cluster with fsync on, as production runs it.</summary>
internal sealed class PostgreSqlDatabase : BenchmarkDatabase
{
    private readonly PostgreSqlServer _server;
    private readonly string _connectionString;

    private PostgreSqlDatabase(PostgreSqlServer server, string connectionString)
        : base(new PostgreSqlStorageProvider(new NpgsqlConnectionStringBuilder(connectionString)))
    {
        _server = server;
        _connectionString = connectionString;
    }

    public override string Name => "PostgreSQL";

    public override IReadOnlyDictionary<string, string> ServerSettings => new Dictionary<string, string>
    {
        ["Storage__Provider"] = PostgreSqlStorageProvider.ProviderName,
        ["ConnectionStrings__Releases"] = _connectionString,
    };

    public override async Task<IReadOnlyDictionary<string, string>> EmptyDatabaseSettingsAsync(string name) => new Dictionary<string, string>
    {
        ["Storage__Provider"] = PostgreSqlStorageProvider.ProviderName,
        ["ConnectionStrings__Releases"] = _server.ConnectionString(await _server.CreateDatabaseAsync(name)),
    };

    public static async Task<PostgreSqlDatabase> StartAsync()
    {
        var server = await PostgreSqlServer.StartNewAsync(durable: true);
        try
        {
            var name = await server.CreateDatabaseAsync("releases");
            await server.CreateDatabaseAsync("one_row_commits");
            var database = new PostgreSqlDatabase(server, server.ConnectionString(name));
            await database.Provider.PrepareAsync(CancellationToken.None);
            database.Description = await server.DescribeAsync();
            return database;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// CREATE DATABASE with the benchmark's database as its template, which PostgreSQL allows only while no
    /// one else is connected to it: this process's idle pooled connections are closed first, and a helper
    /// process (autovacuum) still there is waited out.
    /// </summary>
    public override async Task<DatabaseCopy> CopyAsync(string name)
    {
        var source = new NpgsqlConnectionStringBuilder(_connectionString).Database;
        for (var attempt = 1; ; attempt++)
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                await _server.ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{source}\"");
                break;
            }
            catch (PostgresException busy) when (busy.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 10)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }
        var connectionString = _server.ConnectionString(name);
        return new DatabaseCopy(
            new Dictionary<string, string> { ["Storage__Provider"] = PostgreSqlStorageProvider.ProviderName, ["ConnectionStrings__Releases"] = connectionString },
            () => new NpgsqlConnection(connectionString + ";Pooling=false"),
            () => _server.DropDatabaseAsync(name));
    }

    /// <summary>Not the service's read connections, which multiplex (Multiplexing=true): one scan owns its connection.</summary>
    public override DbConnection CreatePlainConnection() => new NpgsqlConnection(_connectionString);

    /// <summary>
    /// The planner's statistics, which autovacuum gathers within a minute or so of a bulk load: without
    /// them PostgreSQL guesses that "sequence > N" matches a third of the change events and reads the
    /// whole table for every read of the feed.
    /// </summary>
    public override async Task AfterSeedingAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }

    /// <summary>The postmaster and every backend and helper process it started.</summary>
    public override double CpuSeconds()
    {
        var postmaster = _server.PostmasterProcessId;
        var total = Cpu.OfProcess(postmaster);
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), out var pid) && pid != postmaster && Cpu.ParentOf(pid) == postmaster)
            {
                total += Cpu.OfProcessIfRunning(pid);
            }
        }
        return total;
    }

    protected override async Task<DbConnection> OpenScratchAsync()
    {
        var connection = new NpgsqlConnection(_server.ConnectionString("one_row_commits") + ";Pooling=false");
        await connection.OpenAsync();
        return connection;
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _server.DisposeAsync();
    }
}

/// <summary>A copy of a benchmark database: what a server is told to use it, plain connections to it, and its removal.</summary>
internal sealed record DatabaseCopy(IReadOnlyDictionary<string, string> ServerSettings, Func<DbConnection> Connect, Func<Task> Remove);
