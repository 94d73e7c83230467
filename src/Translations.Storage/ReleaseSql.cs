using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Translations.Releases;

namespace Translations.Storage;

/// <summary>
/// The one-release read (GetRelease whenever the cache is off or misses) in hand-written SQL: one
/// command of two statements, the release joined to its variants in the view (a row per variant),
/// then its tags, instead of EF's query pipeline and three round trips. The EF model stays the one
/// description of the schema: every table and column name is read from it and quoted by the
/// provider, so SQLite's names and PostgreSQL's snake_case ones both come out right, and a column
/// whose type or conversion the readers below do not expect stops the first read instead of reading
/// wrong values.
/// </summary>
internal sealed class ReleaseSql : IAsyncDisposable
{
    private const string IdParameter = "id";

    /// <summary>The ordinal of a joined row's first variant column.</summary>
    private const int VariantsFrom = 8;

    /// <summary>Prepared reads kept open at most: about as many as reads run at once on this machine.</summary>
    private static readonly int MaxIdleReads = Math.Clamp(Environment.ProcessorCount * 4, 8, 64);

    private readonly System.Collections.Concurrent.ConcurrentBag<PreparedRead> _idle = [];

    private static readonly string[] ReleaseColumns =
        [nameof(ReleaseRecord.Id), nameof(ReleaseRecord.Slug), nameof(ReleaseRecord.ReleaseDate), nameof(ReleaseRecord.Category),
         nameof(ReleaseRecord.SourceLanguage), nameof(ReleaseRecord.Revision), nameof(ReleaseRecord.CreateTime), nameof(ReleaseRecord.UpdateTime)];

    private static readonly string[] VariantColumns =
        [nameof(VariantRecord.ReleaseId), nameof(VariantRecord.Language), nameof(VariantRecord.Title), nameof(VariantRecord.Lead),
         nameof(VariantRecord.Body), nameof(VariantRecord.Revision), nameof(VariantRecord.SourceRevision), nameof(VariantRecord.Author),
         nameof(VariantRecord.Actor), nameof(VariantRecord.UpdateTime), nameof(VariantRecord.ContentRevision),
         nameof(VariantRecord.State), nameof(VariantRecord.Outdated), nameof(VariantRecord.Comment)];

    /// <summary>The columns a variant and a published variant share come first, in the same places.</summary>
    private static readonly string[] PublishedVariantColumns = VariantColumns[..11];

    private static readonly string[] TagColumns = [nameof(ReleaseTagRecord.ReleaseId), nameof(ReleaseTagRecord.Tag), nameof(ReleaseTagRecord.Position)];

    private readonly string _draft;
    private readonly string _published;
    private readonly string _draftWithPublished;
    private readonly ValueConverter<VariantState> _state;

    public ReleaseSql(TranslationsDbContext db)
    {
        var sql = new ModelSql(db);
        var parameter = sql.Parameter(IdParameter);
        string Columns<T>(string alias, string[] columns) => string.Join(", ", columns.Select(c => $"{alias}.{sql.Column<T>(c)}"));
        string WithVariants<T>(string[] columns) =>
            $"SELECT {Columns<ReleaseRecord>("r", ReleaseColumns)}, {Columns<T>("v", columns)} FROM {sql.Table<ReleaseRecord>()} r " +
            $"LEFT JOIN {sql.Table<T>()} v ON v.{sql.Column<T>(nameof(VariantRecord.ReleaseId))} = r.{sql.Column<ReleaseRecord>(nameof(ReleaseRecord.Id))} " +
            $"WHERE r.{sql.Column<ReleaseRecord>(nameof(ReleaseRecord.Id))} = {parameter}";
        var tags = $"SELECT {string.Join(", ", TagColumns.Select(sql.Column<ReleaseTagRecord>))} FROM {sql.Table<ReleaseTagRecord>()} " +
            $"WHERE {sql.Column<ReleaseTagRecord>(nameof(ReleaseTagRecord.ReleaseId))} = {parameter} ORDER BY {sql.Column<ReleaseTagRecord>(nameof(ReleaseTagRecord.Position))}";
        _draft = $"{WithVariants<VariantRecord>(VariantColumns)};\n{tags}";
        _published = $"{WithVariants<PublishedVariantRecord>(PublishedVariantColumns)};\n{tags}";
        _draftWithPublished = $"{_draft};\nSELECT {string.Join(", ", PublishedVariantColumns.Select(sql.Column<PublishedVariantRecord>))} " +
            $"FROM {sql.Table<PublishedVariantRecord>()} WHERE {sql.Column<PublishedVariantRecord>(nameof(PublishedVariantRecord.ReleaseId))} = {parameter}";
        _state = ValueConverter<VariantState>.Of(sql.Property<VariantRecord>(nameof(VariantRecord.State)));
        CheckTypes(sql);
    }

    /// <summary>The release with its tags and the variants of <paramref name="view"/> (none in the published view when none is published), or null.</summary>
    public async Task<ReleaseRecord?> ReadAsync(StorageProvider provider, string id, ReleaseView view, CancellationToken cancellationToken)
    {
        if (!provider.KeepsReadsPrepared)
        {
            // Npgsql prepares statements used often on each physical connection by itself (Max Auto Prepare).
            await using var connection = provider.CreateReadConnection();
            await connection.OpenAsync(cancellationToken);
            await using var command = Command(connection, view == ReleaseView.Draft ? _draft : _published);
            return await ReadAsync(command, id, view, cancellationToken);
        }
        var reader = _idle.TryTake(out var idle) ? idle : await PreparedRead.OpenAsync(this, provider, cancellationToken);
        var reusable = false;
        try
        {
            var release = await ReadAsync(view == ReleaseView.Draft ? reader.Draft : reader.Published, id, view, cancellationToken);
            reusable = true;
            return release;
        }
        finally
        {
            if (reusable && _idle.Count < MaxIdleReads)
            {
                _idle.Add(reader);
            }
            else
            {
                await reader.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The release with its tags and draft variants, read in the write's transaction on its connection
    /// (one round trip where EF's split query takes three or four), not tracked; with its published
    /// variants too when <paramref name="withPublished"/>; or null.
    /// </summary>
    public async Task<ReleaseRecord?> ReadForWriteAsync(TranslationsDbContext db, string id, bool withPublished, CancellationToken cancellationToken)
    {
        await using var command = Command(db.Database.GetDbConnection(), withPublished ? _draftWithPublished : _draft);
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A release is read for a write only inside the write's transaction.");
        return await ReadAsync(command, id, ReleaseView.Draft, cancellationToken, withPublished);
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var reader))
        {
            await reader.DisposeAsync();
        }
    }

    private static DbCommand Command(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = IdParameter;
        parameter.Value = "";
        command.Parameters.Add(parameter);
        return command;
    }

    private static async Task<DbCommand> PrepareAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = Command(connection, sql);
        await command.PrepareAsync(cancellationToken);
        return command;
    }

    private async Task<ReleaseRecord?> ReadAsync(DbCommand command, string id, ReleaseView view, CancellationToken cancellationToken, bool withPublished = false)
    {
        command.Parameters[0].Value = id;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var release = new ReleaseRecord
        {
            Id = reader.GetString(0), Slug = reader.IsDBNull(1) ? null : reader.GetString(1),
            ReleaseDate = reader.GetFieldValue<DateOnly>(2), Category = reader.GetString(3), SourceLanguage = reader.GetString(4),
            Revision = reader.GetInt64(5), CreateTime = reader.GetFieldValue<DateTimeOffset>(6), UpdateTime = reader.GetFieldValue<DateTimeOffset>(7),
        };
        // A row per variant; one row with no variant columns when the release has none in the view.
        do
        {
            if (reader.IsDBNull(VariantsFrom))
            {
                continue;
            }
            if (view == ReleaseView.Draft)
            {
                release.Variants.Add(ReadVariant(reader));
            }
            else
            {
                release.PublishedVariants.Add(ReadPublishedVariant(reader, VariantsFrom));
            }
        }
        while (await reader.ReadAsync(cancellationToken));
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            release.Tags.Add(new ReleaseTagRecord { ReleaseId = reader.GetString(0), Tag = reader.GetString(1), Position = reader.GetInt32(2) });
        }
        if (withPublished)
        {
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                release.PublishedVariants.Add(ReadPublishedVariant(reader, 0));
            }
        }
        return release;
    }

    /// <summary>
    /// An open connection with both reads prepared on it, kept between calls where the driver would
    /// otherwise compile the two statements again on every call (SQLite: about a third of a
    /// GetRelease that misses the cache, docs/benchmarks.md). A read that fails is not kept.
    /// </summary>
    private sealed class PreparedRead(DbConnection connection, DbCommand draft, DbCommand published) : IAsyncDisposable
    {
        public DbCommand Draft => draft;

        public DbCommand Published => published;

        public static async Task<PreparedRead> OpenAsync(ReleaseSql sql, StorageProvider provider, CancellationToken cancellationToken)
        {
            var connection = provider.CreateReadConnection();
            try
            {
                await connection.OpenAsync(cancellationToken);
                return new PreparedRead(connection,
                    await PrepareAsync(connection, sql._draft, cancellationToken), await PrepareAsync(connection, sql._published, cancellationToken));
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await draft.DisposeAsync();
            await published.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    private VariantRecord ReadVariant(DbDataReader reader)
    {
        const int v = VariantsFrom;
        return new()
        {
            ReleaseId = reader.GetString(v), Language = reader.GetString(v + 1), Title = reader.GetString(v + 2), Lead = reader.GetString(v + 3),
            Body = reader.GetString(v + 4), Revision = reader.GetInt64(v + 5), SourceRevision = reader.GetInt64(v + 6), Author = reader.GetString(v + 7),
            Actor = reader.GetString(v + 8), UpdateTime = reader.GetFieldValue<DateTimeOffset>(v + 9), ContentRevision = reader.GetInt64(v + 10),
            State = _state.Read(reader, v + 11), Outdated = reader.GetBoolean(v + 12), Comment = reader.GetString(v + 13),
        };
    }

    private static PublishedVariantRecord ReadPublishedVariant(DbDataReader reader, int v)
    {
        return new()
        {
            ReleaseId = reader.GetString(v), Language = reader.GetString(v + 1), Title = reader.GetString(v + 2), Lead = reader.GetString(v + 3),
            Body = reader.GetString(v + 4), Revision = reader.GetInt64(v + 5), SourceRevision = reader.GetInt64(v + 6), Author = reader.GetString(v + 7),
            Actor = reader.GetString(v + 8), UpdateTime = reader.GetFieldValue<DateTimeOffset>(v + 9), ContentRevision = reader.GetInt64(v + 10),
        };
    }

    /// <summary>Every column read above is stored as the type it is read as, without a conversion (State aside).</summary>
    private static void CheckTypes(ModelSql sql)
    {
        void Check<T>(string[] columns, params string[] converted)
        {
            foreach (var name in columns.Except(converted))
            {
                if (sql.Property<T>(name).GetTypeMapping().Converter is not null)
                {
                    throw new InvalidOperationException($"{typeof(T).Name}.{name} is stored through a value conversion that {nameof(ReleaseSql)} does not apply.");
                }
            }
        }
        Check<ReleaseRecord>(ReleaseColumns);
        Check<VariantRecord>(VariantColumns, nameof(VariantRecord.State));
        Check<PublishedVariantRecord>(PublishedVariantColumns);
        Check<ReleaseTagRecord>(TagColumns);
    }

    /// <summary>A column stored through the model's value converter (an enum kept as text), read back through it.</summary>
    private sealed class ValueConverter<T>(Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? converter)
    {
        public static ValueConverter<T> Of(IProperty property) => new(property.GetTypeMapping().Converter);

        public T Read(DbDataReader reader, int ordinal) =>
            converter is null ? reader.GetFieldValue<T>(ordinal) : (T)converter.ConvertFromProvider(reader.GetValue(ordinal))!;
    }
}
