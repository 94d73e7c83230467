using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Translations.Storage;
using Translations.Testing;
using Translations.Tests.Infrastructure;

namespace Translations.Tests;

/// <summary>
/// The built service, started as its own process, on PostgreSQL: what stops it (naming the setting, no
/// stack trace), and several replicas migrating one empty database at once.
/// </summary>
public sealed class PostgreSqlStartupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> OnPostgreSql(string connectionString)
    {
        var settings = BuiltProgram.ServiceSettings();
        settings["Storage__Provider"] = "PostgreSql";
        settings["ConnectionStrings__Releases"] = connectionString;
        return settings;
    }

    [Fact]
    public async Task A_provider_the_service_does_not_know_stops_start_up_naming_the_setting()
    {
        var settings = BuiltProgram.ServiceSettings();
        settings["Storage__Provider"] = "Oracle";

        var run = await BuiltProgram.RunServiceAsync(settings);

        run.AssertStartRefused("Storage__Provider names no database this service knows; write Sqlite (the default, a file) or PostgreSql.", "Storage__Provider");
    }

    [Fact]
    public async Task An_unreachable_postgresql_server_stops_start_up_naming_the_connection_string()
    {
        var port = FreePorts.Next();

        var run = await BuiltProgram.RunServiceAsync(OnPostgreSql($"Host=127.0.0.1;Port={port};Database=translations;Username=translations;Password=secret-1;Timeout=3"));

        run.AssertStartRefused($"ConnectionStrings__Releases: cannot connect to the PostgreSQL database 127.0.0.1:{port}/translations", "ConnectionStrings__Releases");
        Assert.DoesNotContain("secret-1", run.AllOutput);
    }

    [Fact]
    public async Task A_database_that_does_not_exist_stops_start_up_saying_to_create_it()
    {
        var postgres = await PostgreSqlServer.SharedAsync();

        var run = await BuiltProgram.RunServiceAsync(OnPostgreSql(postgres.ConnectionString("no_such_database")));

        run.AssertStartRefused($"ConnectionStrings__Releases: the database no_such_database does not exist on 127.0.0.1:{postgres.Port}; create it (CREATE DATABASE)", "ConnectionStrings__Releases");
    }

    [Theory]
    [InlineData("this is not a connection string", "ConnectionStrings__Releases is not a PostgreSQL connection string")]
    [InlineData("Port=5432;Username=translations", "ConnectionStrings__Releases must name the PostgreSQL server and database (Host=…;Database=…) when Storage__Provider is PostgreSql")]
    public async Task A_connection_string_that_is_not_postgresql_stops_start_up_naming_it(string connectionString, string message)
    {
        var run = await BuiltProgram.RunServiceAsync(OnPostgreSql(connectionString));

        run.AssertStartRefused(message, "ConnectionStrings__Releases");
    }

    [Fact]
    public async Task Three_replicas_starting_at_once_on_an_empty_database_apply_each_migration_exactly_once_and_all_serve()
    {
        var postgres = await PostgreSqlServer.SharedAsync();
        var database = await postgres.CreateDatabaseAsync();
        var settings = OnPostgreSql(postgres.ConnectionString(database) + ";Password=secret-2");

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => BuiltProgram.RunServiceAsync(settings, stopOnOutput: "Now listening on:")));

        Assert.All(runs, run =>
        {
            Assert.False(run.ExitedByItself, run.AllOutput);
            Assert.Contains($"Releases are stored in PostgreSql at 127.0.0.1:{postgres.Port}/{database}", run.Output);
            Assert.Contains("Now listening on: http://127.0.0.1:", run.Output);
            Assert.Equal("", run.Errors);
            Assert.DoesNotContain("secret-2", run.AllOutput);
        });
        var applied = await MigrationsAsync(postgres.ConnectionString(database));
        var migrations = typeof(Storage.PostgreSql.PostgreSqlStorageProvider).Assembly.GetTypes()
            .Select(t => t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false).OfType<Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute>().SingleOrDefault()?.Id)
            .OfType<string>().Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(migrations);
        Assert.Equal(migrations, applied);
        await postgres.DropDatabaseAsync(database);
    }

    [Fact]
    public async Task The_migrator_lets_go_of_its_lock_before_its_connection_idles_in_the_pool_so_no_later_replica_waits_on_it()
    {
        var postgres = await PostgreSqlServer.SharedAsync();
        var database = await postgres.CreateDatabaseAsync();
        await using (var services = new ServiceCollection().AddLogging()
            .AddReleaseStorage(Storage.PostgreSql.PostgreSqlStorageProvider.FromSettings(postgres.ConnectionString(database)))
            .BuildServiceProvider())
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(Ct);

            // The migrator's connection is back in the pool, unused since: its session is still open.
            Assert.Equal(0L, await AdvisoryLocksAsync(postgres.ConnectionString(database) + ";Pooling=false"));
        }
        await postgres.DropDatabaseAsync(database);
    }

    private static async Task<long> AdvisoryLocksAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private static async Task<List<string>> MigrationsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("""SELECT migration_id FROM "__EFMigrationsHistory" ORDER BY migration_id COLLATE "C" """, connection);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }
}
