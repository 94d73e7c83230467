using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Translations.Storage;

/// <summary>
/// Appends a write's change events at its end, in one command: the provider's lock statement (if
/// any), then one INSERT ... SELECT per event that takes the newest sequence plus one. Each INSERT is
/// its own statement, so on PostgreSQL under READ COMMITTED it reads the newest sequence after the
/// lock is granted (and after the INSERT before it); the lock, the reads and the inserts cost one
/// round trip instead of four, and writers hold the lock for that round trip and their commit only.
/// </summary>
internal sealed class ChangeEventSql
{
    private static readonly string[] Columns =
        [nameof(ChangeEventRecord.ReleaseId), nameof(ChangeEventRecord.Category), nameof(ChangeEventRecord.Language), nameof(ChangeEventRecord.Type),
         nameof(ChangeEventRecord.Revision), nameof(ChangeEventRecord.Time), nameof(ChangeEventRecord.Actor), nameof(ChangeEventRecord.InPublishedView)];

    private readonly ModelSql _sql;
    private readonly string _insert;
    private readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? _type;

    public ChangeEventSql(TranslationsDbContext db)
    {
        _sql = new ModelSql(db);
        var sequence = _sql.Column<ChangeEventRecord>(nameof(ChangeEventRecord.Sequence));
        var table = _sql.Table<ChangeEventRecord>();
        // {0} stands for the event's parameter suffix.
        _insert = $"INSERT INTO {table} ({sequence}, {string.Join(", ", Columns.Select(_sql.Column<ChangeEventRecord>))}) " +
            $"SELECT COALESCE(MAX({sequence}), 0) + 1, {string.Join(", ", Columns.Select(c => _sql.Parameter(c + "{0}")))} FROM {table}";
        _type = _sql.Property<ChangeEventRecord>(nameof(ChangeEventRecord.Type)).GetTypeMapping().Converter;
    }

    /// <summary>Runs <paramref name="lockSql"/> and appends <paramref name="changes"/> in the write's transaction, in their order.</summary>
    public async Task AppendAsync(TranslationsDbContext db, string? lockSql, IReadOnlyList<ChangeEventRecord> changes, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Change events are appended only inside the write's transaction.");
        var statements = new List<string>(changes.Count + 1);
        if (lockSql is not null)
        {
            statements.Add(lockSql);
        }
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            var suffix = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            statements.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, _insert, suffix));
            Add(command, nameof(ChangeEventRecord.ReleaseId) + suffix, DbType.String, change.ReleaseId);
            Add(command, nameof(ChangeEventRecord.Category) + suffix, DbType.String, change.Category);
            Add(command, nameof(ChangeEventRecord.Language) + suffix, DbType.String, change.Language);
            Add(command, nameof(ChangeEventRecord.Type) + suffix, DbType.String, _type is null ? change.Type.ToString() : _type.ConvertToProvider(change.Type));
            Add(command, nameof(ChangeEventRecord.Revision) + suffix, DbType.Int64, change.Revision);
            Add(command, nameof(ChangeEventRecord.Time) + suffix, DbType.DateTimeOffset, change.Time);
            Add(command, nameof(ChangeEventRecord.Actor) + suffix, DbType.String, change.Actor);
            Add(command, nameof(ChangeEventRecord.InPublishedView) + suffix, DbType.Boolean, change.InPublishedView);
        }
        command.CommandText = string.Join(";\n", statements);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (DbException failure)
        {
            // As EF reports a failed save: the write is retried, and then sees the newer sequences.
            throw new DbUpdateException("Could not append the write's change events.", failure);
        }
    }

    private static void Add(DbCommand command, string name, DbType type, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
