using System.Data.Common;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using Translations.Releases;
using Translations.Storage;
using Translations.V1;

namespace Translations.Benchmarks;

/// <summary>What one read of every release saw: how many, in which order, and how much text.</summary>
internal sealed record ScanResult(double Seconds, List<string> Ids, long Variants, long TextCharacters)
{
    public double PerSecond => Ids.Count / Seconds;

    /// <summary>The same releases in the same order with the same number of variants and characters of text.</summary>
    public bool SameAs(ScanResult other) =>
        Variants == other.Variants && TextCharacters == other.TextCharacters && Ids.SequenceEqual(other.Ids, StringComparer.Ordinal);
}

internal sealed record StreamResult(IReadOnlyList<ScanResult> Grpc, IReadOnlyList<ScanResult> Raw, IReadOnlyList<ScanResult> Store, double PeakGrowthMegabytes, int Expected)
{
    public double GrpcPerSecond => Median(Grpc);
    public double RawPerSecond => Median(Raw);
    public double StorePerSecond => Median(Store);
    public double Ratio => GrpcPerSecond / RawPerSecond;

    /// <summary>Every read returned the expected number of releases, and all of them the same releases and text as the raw scan.</summary>
    public bool Correct => Raw.Concat(Grpc).Concat(Store).All(r => r.Ids.Count == Expected && r.SameAs(Raw[0]));

    private static double Median(IReadOnlyList<ScanResult> runs) => runs.Select(r => r.PerSecond).Order().ElementAt(runs.Count / 2);
}

/// <summary>
/// Every release, published view, default order (newest release date first), three ways, taking turns:
/// QueryReleases on one stream received by a .NET client over loopback HTTP/2; a raw ADO.NET scan of
/// the same rows and columns in the same order in this process (no EF, no gRPC), the yardstick; and
/// the store's own QueryReleasesAsync in this process (no gRPC), which shows where the time goes.
/// </summary>
internal static class StreamedQuery
{
    public static async Task<StreamResult> RunAsync(ServerProcess server, BenchmarkDatabase database, int expected, int rounds)
    {
        var sql = await RawScanSql.CreateAsync(database);
        var store = new EfReleaseStore(database.Contexts, database.Provider, TimeProvider.System,
            new Translations.Languages.LanguageSettings(Translations.Languages.LanguageOptions.Default));
        var (grpc, raw, direct) = (new List<ScanResult>(), new List<ScanResult>(), new List<ScanResult>());
        var peakGrowth = 0.0;
        // One round of each way first, not counted: the server's and this process's code is compiled
        // to its final tier, and the database's pages are in memory, before anything is measured.
        await StreamAsync(server);
        await sql.ScanAsync(database);
        await StoreAsync(store);
        for (var round = 0; round < rounds; round++)
        {
            var (result, growth) = await StreamAsync(server);
            grpc.Add(result);
            peakGrowth = Math.Max(peakGrowth, growth);
            raw.Add(await sql.ScanAsync(database));
            direct.Add(await StoreAsync(store));
        }
        return new StreamResult(grpc, raw, direct, peakGrowth, expected);
    }

    private static async Task<(ScanResult Result, double GrowthMegabytes)> StreamAsync(ServerProcess server)
    {
        var baseline = server.ResidentBytes();
        var peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, server.ResidentBytes());
                await Task.Delay(20);
            }
        });
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { MaxReceiveMessageSize = null }.AsReader());
        var (ids, variants, characters) = (new List<string>(), 0L, 0L);
        var clock = Stopwatch.StartNew();
        using (var call = new ReleaseService.ReleaseServiceClient(channel).QueryReleases(new QueryReleasesRequest()))
        {
            await foreach (var response in call.ResponseStream.ReadAllAsync())
            {
                ids.Add(response.Release.Id);
                foreach (var variant in response.Release.Variants)
                {
                    variants++;
                    characters += variant.Title.Length + variant.Body.Length;
                }
            }
        }
        var seconds = clock.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        return (new ScanResult(seconds, ids, variants, characters), (peak - baseline) / 1024.0 / 1024.0);
    }

    private static async Task<ScanResult> StoreAsync(EfReleaseStore store)
    {
        var (ids, variants, characters) = (new List<string>(), 0L, 0L);
        var clock = Stopwatch.StartNew();
        await foreach (var release in store.QueryReleasesAsync(new ReleaseQuery(new Translations.Releases.ReleaseFilter()), CancellationToken.None))
        {
            ids.Add(release.Id);
            foreach (var variant in release.Variants)
            {
                variants++;
                characters += variant.Title.Length + variant.Body.Length;
            }
        }
        return new ScanResult(clock.Elapsed.TotalSeconds, ids, variants, characters);
    }
}

/// <summary>
/// The yardstick: what the database and its ADO.NET driver deliver for the rows QueryReleases
/// streams, read with DbDataReader and typed getters, every column the stream carries, nothing built.
/// Three statements, each over all releases in the stream's order: the releases with a published
/// variant, their published variants, their tags. Names come from the EF model, as the service's.
/// </summary>
internal sealed class RawScanSql(string releases, string variants, string tags)
{
    public static async Task<RawScanSql> CreateAsync(BenchmarkDatabase database)
    {
        await using var db = await database.Contexts.CreateDbContextAsync();
        var sql = new ModelSql(db);
        string Column<T>(string alias, string property) => $"{alias}.{sql.Column<T>(property)}";
        string R(string property) => Column<ReleaseRecord>("r", property);
        string P(string property) => Column<PublishedVariantRecord>("p", property);
        string T(string property) => Column<ReleaseTagRecord>("t", property);
        var published = $"EXISTS (SELECT 1 FROM {sql.Table<PublishedVariantRecord>()} AS x WHERE {Column<PublishedVariantRecord>("x", "ReleaseId")} = {R("Id")})";
        var order = $"{R("ReleaseDate")} DESC, {R("Id")} DESC";
        return new RawScanSql(
            $"SELECT {R("Id")}, {R("Slug")}, {R("ReleaseDate")}, {R("Category")}, {R("SourceLanguage")}, {R("Revision")}, {R("CreateTime")}, {R("UpdateTime")} " +
            $"FROM {sql.Table<ReleaseRecord>()} AS r WHERE {published} ORDER BY {order}",
            $"SELECT {P("ReleaseId")}, {P("Language")}, {P("Title")}, {P("Lead")}, {P("Body")}, {P("Revision")}, {P("SourceRevision")}, {P("Author")}, {P("Actor")}, {P("UpdateTime")}, {P("ContentRevision")} " +
            $"FROM {sql.Table<ReleaseRecord>()} AS r JOIN {sql.Table<PublishedVariantRecord>()} AS p ON {P("ReleaseId")} = {R("Id")} ORDER BY {order}, {P("Language")}",
            $"SELECT {T("ReleaseId")}, {T("Tag")}, {T("Position")} " +
            $"FROM {sql.Table<ReleaseRecord>()} AS r JOIN {sql.Table<ReleaseTagRecord>()} AS t ON {T("ReleaseId")} = {R("Id")} WHERE {published} ORDER BY {order}, {T("Position")}");
    }

    public async Task<ScanResult> ScanAsync(BenchmarkDatabase database)
    {
        var (ids, variantCount, characters) = (new List<string>(), 0L, 0L);
        var clock = Stopwatch.StartNew();
        await using var connection = database.CreatePlainConnection();
        await connection.OpenAsync();
        await ReadAllAsync(connection, releases, reader =>
            {
                ids.Add(reader.GetString(0));
                _ = reader.IsDBNull(1) ? null : reader.GetString(1);
                _ = reader.GetFieldValue<DateOnly>(2);
                _ = reader.GetString(3);
                _ = reader.GetString(4);
                _ = reader.GetInt64(5);
                _ = reader.GetFieldValue<DateTimeOffset>(6);
                _ = reader.GetFieldValue<DateTimeOffset>(7);
            });
        await ReadAllAsync(connection, variants, reader =>
            {
                variantCount++;
                _ = reader.GetString(0);
                _ = reader.GetString(1);
                characters += reader.GetString(2).Length;
                _ = reader.GetString(3);
                characters += reader.GetString(4).Length;
                _ = reader.GetInt64(5);
                _ = reader.GetInt64(6);
                _ = reader.GetString(7);
                _ = reader.GetString(8);
                _ = reader.GetFieldValue<DateTimeOffset>(9);
                _ = reader.GetInt64(10);
            });
        await ReadAllAsync(connection, tags, reader =>
            {
                _ = reader.GetString(0);
                _ = reader.GetString(1);
                _ = reader.GetInt32(2);
            });
        return new ScanResult(clock.Elapsed.TotalSeconds, ids, variantCount, characters);
    }

    private static async Task ReadAllAsync(DbConnection connection, string sql, Action<DbDataReader> row)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            row(reader);
        }
    }
}
