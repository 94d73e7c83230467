using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Translations.Changes;
using Translations.Releases;
using Translations.Storage;

namespace Translations.Benchmarks;

/// <summary>
/// Fills a fresh database: the schema from the service's migrations, then the rows as multi-row
/// INSERTs whose table and column names and stored values (conversions included) all come from the
/// EF model, so both databases get exactly what the service would have written, in seconds.
/// </summary>
internal static class Seeding
{
    public static async Task<string[]> SeedAsync(BenchmarkDatabase database, int count)
    {
        await using var db = await database.Contexts.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        var ids = new string[count];
        var now = DateTimeOffset.UtcNow;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
        const int batch = 10_000;
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        for (var start = 0; start < count; start += batch)
        {
            var releases = new List<ReleaseRecord>();
            var events = new List<ChangeEventRecord>();
            for (var i = start; i < Math.Min(count, start + batch); i++)
            {
                var id = ids[i] = ReleaseId.New();
                var category = i % 3 == 0 ? "events" : "news";
                var (body, englishBody) = SeedText.Bodies(i);
                releases.Add(new ReleaseRecord
                {
                    Id = id, ReleaseDate = new DateOnly(2010, 1, 1).AddDays(i % 5_000), Category = category,
                    SourceLanguage = "ru", Revision = 2, CreateTime = now, UpdateTime = now,
                    Tags = [new() { ReleaseId = id, Tag = "press", Position = 0 }],
                    // Published, as readers (the benchmark's caller) see releases.
                    Variants =
                    [
                        new() { ReleaseId = id, Language = "ru", Title = $"Релиз номер {i}", Lead = "Кратко о главном.", Body = body, Revision = 1, Author = "seed", Actor = "seed", UpdateTime = now, State = VariantState.Published },
                        new() { ReleaseId = id, Language = "en", Title = $"Release number {i}", Lead = "In brief.", Body = englishBody, Revision = 1, SourceRevision = 1, Author = "seed", Actor = "seed", UpdateTime = now, State = VariantState.Published },
                    ],
                    PublishedVariants =
                    [
                        new() { ReleaseId = id, Language = "ru", Title = $"Релиз номер {i}", Lead = "Кратко о главном.", Body = body, Revision = 1, Author = "seed", Actor = "seed", UpdateTime = now },
                        new() { ReleaseId = id, Language = "en", Title = $"Release number {i}", Lead = "In brief.", Body = englishBody, Revision = 1, SourceRevision = 1, Author = "seed", Actor = "seed", UpdateTime = now },
                    ],
                });
                events.Add(new ChangeEventRecord { Sequence = i + 1, ReleaseId = id, Category = category, Language = "ru", Type = ChangeEventType.Created, Revision = 1, Time = now, Actor = "seed" });
            }
            await using var transaction = await connection.BeginTransactionAsync();
            await InsertAsync(db, connection, transaction, releases);
            await InsertAsync(db, connection, transaction, releases.SelectMany(r => r.Tags).ToList());
            await InsertAsync(db, connection, transaction, releases.SelectMany(r => r.Variants).ToList());
            await InsertAsync(db, connection, transaction, releases.SelectMany(r => r.Variants.Select(v => new VariantRevisionRecord
            {
                ReleaseId = v.ReleaseId, Language = v.Language, Revision = v.Revision, Title = v.Title, Lead = v.Lead, Body = v.Body,
                SourceRevision = v.SourceRevision, Author = v.Author, Actor = v.Actor, UpdateTime = v.UpdateTime, State = v.State,
            })).ToList());
            await InsertAsync(db, connection, transaction, releases.SelectMany(r => r.PublishedVariants).ToList());
            await InsertAsync(db, connection, transaction, events);
            await transaction.CommitAsync();
        }
        await db.Database.CloseConnectionAsync();
        return ids;
    }

    /// <summary>
    /// One prepared multi-row INSERT reused for every full chunk. SQLite gets one row per statement: it looks
    /// parameters up by name one after the other, so a statement of many rows costs the square of its size.
    /// </summary>
    private static async Task InsertAsync<T>(TranslationsDbContext db, DbConnection connection, DbTransaction transaction, IReadOnlyList<T> rows)
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var properties = entity.GetProperties().ToArray();
        var getters = properties.Select(p => p.GetGetter()).ToArray();
        var converters = properties.Select(p => p.GetTypeMapping().Converter).ToArray();
        var rowsPerStatement = db.Database.ProviderName!.Contains("Sqlite", StringComparison.Ordinal) ? 1 : 500;
        var columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        DbCommand Prepare(int size)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            var values = new List<string>(size);
            for (var r = 0; r < size; r++)
            {
                var names = new string[properties.Length];
                for (var c = 0; c < properties.Length; c++)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = $"p{r}_{c}";
                    command.Parameters.Add(parameter);
                    names[c] = sql.GenerateParameterNamePlaceholder(parameter.ParameterName);
                }
                values.Add($"({string.Join(", ", names)})");
            }
            command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({columns}) VALUES {string.Join(", ", values)}";
            return command;
        }
        DbCommand? full = null;
        try
        {
            for (var start = 0; start < rows.Count; start += rowsPerStatement)
            {
                var size = Math.Min(rowsPerStatement, rows.Count - start);
                var command = size == rowsPerStatement ? full ??= Prepare(size) : Prepare(size);
                for (var r = 0; r < size; r++)
                {
                    for (var c = 0; c < properties.Length; c++)
                    {
                        var value = getters[c].GetClrValue(rows[start + r]!);
                        command.Parameters[r * properties.Length + c].Value = (converters[c] is { } converter ? converter.ConvertToProvider(value) : value) ?? DBNull.Value;
                    }
                }
                await command.ExecuteNonQueryAsync();
                if (command != full)
                {
                    await command.DisposeAsync();
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }
    }
}
