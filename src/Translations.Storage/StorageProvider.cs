using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Translations.Storage;

/// <summary>
/// What one database fills in for the shared EF Core store: how to connect (with its own migrations
/// assembly), how to get the database ready before the first migration, how a write transaction
/// begins, how change events are put in commit order, and which failures mean "the database is away".
/// </summary>
public abstract class StorageProvider
{
    /// <summary>The value of <c>Storage__Provider</c> that selects this database.</summary>
    public abstract string Name { get; }

    /// <summary>Where the releases are, for the start-up log: a file, or a host and database, never a password.</summary>
    public abstract string Location { get; }

    public abstract void Configure(DbContextOptionsBuilder options);

    /// <summary>
    /// A new, closed connection to the same database from the driver's own pool, for the store's
    /// hand-written reads: opening it costs next to nothing, where EF Core's SQLite connection
    /// registers its SQL functions on every open, which costs more than reading a release.
    /// </summary>
    public abstract DbConnection CreateReadConnection();

    /// <summary>
    /// Whether the store keeps a few read connections open with their statements prepared, because the
    /// driver prepares statements again on every new command (SQLite); false where the driver keeps them
    /// prepared on its pooled connections by itself (Npgsql).
    /// </summary>
    public virtual bool KeepsReadsPrepared => false;

    /// <summary>
    /// Makes the database reachable for migrations (a folder, a file mode) and reports, as
    /// <see cref="Settings.InvalidSettingsException"/> naming the setting, a database that cannot be reached.
    /// </summary>
    public abstract Task PrepareAsync(CancellationToken cancellationToken);

    public abstract Task<IDbContextTransaction> BeginWriteAsync(TranslationsDbContext db, CancellationToken cancellationToken);

    /// <summary>
    /// The statement a write transaction runs just before its change events take their sequences,
    /// after every other row of the write is saved. When it completes, no other transaction may take
    /// a sequence until this one ends, so sequences are dense and commit in their own order. Null when
    /// the write transaction holds such a lock from its start. It is sent in one command with the
    /// events' INSERTs, each a statement of its own that runs after it.
    /// </summary>
    public abstract string? ChangeSequenceLockSql { get; }

    /// <summary>A failure that says the database cannot be reached now (a call may succeed later), not that the call was wrong.</summary>
    public abstract bool IsUnavailable(Exception failure);

    /// <summary>
    /// The query behind SearchReleases, in this database's full-text index: the variants of the search's
    /// view in its language that match it, one row each, with the columns of <see cref="SearchMatch"/>
    /// (Score: higher is better), and its parameters, written {0}, {1}… in the SQL. The store joins it to
    /// the releases for the filter, orders it and seeks past the cursor.
    /// </summary>
    public abstract (string Sql, object[] Parameters) SearchSql(ModelSql names, Releases.ReleaseSearch search);

    /// <summary>
    /// Statements that make other replicas' migrations wait, and let them go; null where EF Core's lock
    /// suffices. Released explicitly: a connection that goes back to the pool keeps its session, and so
    /// its session locks, until it is used again.
    /// </summary>
    public virtual MigrationLock? MigrationLock => null;
}

/// <summary>The SQL that takes and releases a provider's migration lock on the migrator's one connection.</summary>
public sealed record MigrationLock(string TakeSql, string ReleaseSql);
