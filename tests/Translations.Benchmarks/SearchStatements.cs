using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Translations.Releases;
using Translations.Search;
using Translations.Storage;

namespace Translations.Benchmarks;

/// <summary>
/// The SQL statement SearchReleases runs for each query of the set, as the service's store builds it: the
/// database's full-text match (<see cref="StorageProvider.SearchSql"/>) joined to the releases of the published
/// view, best first, first 20, the same LINQ as EfReleaseStore.SearchReleasesAsync, taken from EF Core with
/// CreateDbCommand. Run here with plain ADO.NET, it is the yardstick the gRPC calls are compared with.
/// </summary>
internal sealed class SearchStatements
{
    public const int Limit = ReleaseSearch.DefaultLimit;

    private readonly List<(string Sql, (string Name, object Value, DbType Type, NpgsqlTypes.NpgsqlDbType? PostgreSqlType)[] Parameters)> _pages = [];

    private SearchStatements(IReadOnlyList<SeedText.Query> queries) => Queries = queries;

    public IReadOnlyList<SeedText.Query> Queries { get; }

    /// <summary>How many releases each query finds in all: the same LINQ without order or limit, counted by the database.</summary>
    public int[] Hits { get; private set; } = [];

    /// <summary>The ids of each query's first page, in order, as the statement returned them before the loads: what every later call must return.</summary>
    public IReadOnlyList<string>[] Expected { get; private set; } = [];

    public static async Task<SearchStatements> CreateAsync(BenchmarkDatabase database, IReadOnlyList<SeedText.Query> queries)
    {
        var statements = new SearchStatements(queries);
        var hitCounts = new List<int>();
        await using (var db = await database.Contexts.CreateDbContextAsync())
        {
            foreach (var query in queries)
            {
                var search = new ReleaseSearch(query.Text, SearchQuery.Parse(query.Text, query.Language, out var problem)
                    ?? throw new InvalidOperationException($"\"{query.Text}\": {problem}"), query.Language, new ReleaseFilter());
                var (sql, parameters) = database.Provider.SearchSql(new ModelSql(db), search);
                var matches = db.Set<SearchMatch>().FromSqlRaw(sql, parameters);
                var releases = ReleaseQueries.Filter(db.Releases.AsNoTracking(), search.Filter, search.View);
                var hits = from m in matches
                           join r in releases on m.ReleaseId equals r.Id
                           select new { ReleaseId = r.Id, m.Language, r.ReleaseDate, m.Title, m.Body, m.Score };
                var page = hits.OrderByDescending(h => h.Score).ThenByDescending(h => h.ReleaseDate).ThenByDescending(h => h.ReleaseId).Take(search.Limit);
                await using var command = page.CreateDbCommand();
                statements._pages.Add((command.CommandText, command.Parameters.Cast<DbParameter>()
                    .Select(p => (p.ParameterName, p.Value ?? DBNull.Value, p.DbType, (p as NpgsqlParameter)?.NpgsqlDbType)).ToArray()));
                hitCounts.Add(await hits.CountAsync());
            }
        }
        statements.Hits = hitCounts.ToArray();
        await using var connection = database.CreatePlainConnection();
        await connection.OpenAsync();
        var expected = new List<IReadOnlyList<string>>();
        for (var q = 0; q < queries.Count; q++)
        {
            expected.Add(await statements.ReadPageAsync(connection, q));
        }
        statements.Expected = expected.ToArray();
        return statements;
    }

    /// <summary>Runs query q's statement on the open connection, reading every column of every row; the ids in order.</summary>
    public async Task<List<string>> ReadPageAsync(DbConnection connection, int q)
    {
        var (sql, parameters) = _pages[q];
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value, type, postgreSqlType) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            parameter.DbType = type;
            if (postgreSqlType is { } t && parameter is NpgsqlParameter npgsql)
            {
                npgsql.NpgsqlDbType = t;
            }
            command.Parameters.Add(parameter);
        }
        var ids = new List<string>(Limit);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
            for (var c = 1; c < reader.FieldCount; c++)
            {
                _ = reader.GetValue(c);
            }
        }
        return ids;
    }
}

/// <summary>
/// Closed-loop load of the search statements in this process, no gRPC: <c>inFlight</c> workers, each one
/// statement at a time on a pooled plain connection opened for the call, query i % n for its i-th call, as the
/// gRPC load asks; a call is correct when it returns the expected first page.
/// </summary>
internal sealed class DirectSearchLoad(string name, BenchmarkDatabase database, SearchStatements statements, int inFlight, TimeSpan warmUp) : IUnaryLoad
{
    public string Name => name;
    public string Generator => "ADO.NET, this process";
    public int Checked => 0;
    public int CheckedOk => 0;

    public Task PrepareAsync(ServerProcess server) => MeasureAsync(server, warmUp);

    public async Task<LoadSample> MeasureAsync(ServerProcess server, TimeSpan duration)
    {
        long failures = 0;
        var cpu = Environment.CpuUsage.TotalTime;
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var start = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, inFlight).Select(w => Task.Run(async () =>
        {
            var latencies = new List<double>();
            // SQLite's driver runs a statement synchronously on the calling thread: without the yield, a worker would
            // keep its thread from one call to the next, and only as many calls as the pool has threads would be in
            // flight. With it, workers take turns through the pool's queue; a call is due when the worker's previous
            // one ended, so time spent waiting for a thread belongs to the call's latency, as it does in the server.
            for (long i = w, started = start; Stopwatch.GetTimestamp() < until; i += inFlight, started = Stopwatch.GetTimestamp())
            {
                await Task.Yield();
                var q = (int)(i % statements.Queries.Count);
                try
                {
                    await using var connection = database.CreatePlainConnection();
                    await connection.OpenAsync();
                    if ((await statements.ReadPageAsync(connection, q)).SequenceEqual(statements.Expected[q], StringComparer.Ordinal))
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        continue;
                    }
                }
                catch (DbException e)
                {
                    Console.Error.WriteLine($"  {name}: {e.Message}");
                }
                Interlocked.Increment(ref failures);
            }
            return latencies;
        }));
        var all = (await Task.WhenAll(workers)).SelectMany(l => l).ToArray();
        return new LoadSample(all.Length, all.Length, failures, FullMessages: true, all, (Environment.CpuUsage.TotalTime - cpu).TotalSeconds);
    }
}
