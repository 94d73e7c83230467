using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Translations.Testing;

/// <summary>
/// A real, throw-away PostgreSQL cluster on a free loopback port, in a temporary folder removed on
/// dispose. PostgreSQL refuses to run as root, so as root its programs run as the <c>postgres</c> user
/// (the Debian package creates it). Each test gets its own database (<see cref="CreateDatabaseAsync"/>).
/// </summary>
public sealed class PostgreSqlServer : IAsyncDisposable
{
    private static readonly SemaphoreSlim SharedGate = new(1, 1);
    private static PostgreSqlServer? _shared;

    private readonly string _folder;
    private readonly string _bin;
    private readonly bool _durable;

    private PostgreSqlServer(string folder, string bin, int port, bool durable)
    {
        _folder = folder;
        _bin = bin;
        Port = port;
        _durable = durable;
    }

    public int Port { get; }

    private string DataDirectory => Path.Combine(_folder, "data");

    /// <summary>The postmaster's process id (the first line of postmaster.pid); every backend is its child.</summary>
    public int PostmasterProcessId =>
        int.Parse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    /// <summary>The major version and the fsync and synchronous_commit settings, for a benchmark's report.</summary>
    public async Task<string> DescribeAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit')", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return $"PostgreSQL {reader.GetString(0)} (fsync={reader.GetString(1)}, synchronous_commit={reader.GetString(2)})";
    }

    /// <summary>The one cluster of this test process, started on first use and stopped when the process exits.</summary>
    public static async Task<PostgreSqlServer> SharedAsync()
    {
        await SharedGate.WaitAsync();
        try
        {
            if (_shared is null)
            {
                var server = await StartNewAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
                _shared = server;
            }
            return _shared;
        }
        finally
        {
            SharedGate.Release();
        }
    }

    /// <summary>
    /// A new cluster. Tests run without fsync (their data dies with the cluster); a benchmark asks for
    /// <paramref name="durable"/> commits, the way production runs.
    /// </summary>
    public static async Task<PostgreSqlServer> StartNewAsync(bool durable = false)
    {
        var bin = FindBinaries();
        var folder = Directory.CreateTempSubdirectory("translations-postgres-").FullName;
        var server = new PostgreSqlServer(folder, bin, FreePorts.Next(), durable);
        if (RunsAsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", folder]);
        }
        await server.RunToolAsync("initdb", ["-D", server.DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
        await server.StartAsync();
        return server;
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Database = database, Username = "postgres" }.ConnectionString;

    public async Task StartAsync()
    {
        var settings = string.Join(' ', new[]
        {
            $"-p {Port.ToString(CultureInfo.InvariantCulture)}", $"-k {_folder}", "-c listen_addresses=127.0.0.1", "-c max_connections=400",
            _durable ? "-c fsync=on -c synchronous_commit=on" : "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
        });
        await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "-o", settings, "start"]);
    }

    /// <summary>Stops the server the way an operator's restart does: connections are cut, nothing committed is lost.</summary>
    public Task StopAsync() => RunToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"]);

    /// <summary>A new empty database; the service applies its migrations to it when it starts.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= "t_" + Guid.NewGuid().ToString("N")[..20];
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return name;
    }

    /// <summary>The database, created unless it exists (replicas share one; the first to start creates it).</summary>
    public async Task EnsureDatabaseAsync(string name)
    {
        try
        {
            await CreateDatabaseAsync(name);
        }
        catch (PostgresException exists) when (exists.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
        }
    }

    public async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    /// <summary>Runs one statement in the <c>postgres</c> maintenance database.</summary>
    public async Task ExecuteAsync(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static bool RunsAsRoot => Environment.UserName == "root";

    private Task RunToolAsync(string tool, IReadOnlyList<string> arguments) =>
        RunsAsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments])
            : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }

    /// <summary>Debian's server programs, newest major version first; ./test.sh installs the package when missing.</summary>
    private static string FindBinaries() =>
        (Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var major) ? major : 0)
                .FirstOrDefault()
            : null)
        ?? throw new InvalidOperationException("PostgreSQL is not installed; ./test.sh installs it (apt-get install postgresql).");
}
