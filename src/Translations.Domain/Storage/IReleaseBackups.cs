using Translations.Releases;

namespace Translations.Storage;

/// <summary>
/// Everything stored about releases, read and written whole: for backups and moves between databases.
/// Beside <see cref="IReleaseStore"/>, not through its cache: a backup reads what the database holds.
/// </summary>
public interface IReleaseBackups
{
    /// <summary>Every release, oldest release date first, ties by id, read page by page as the caller goes on.</summary>
    IAsyncEnumerable<ReleaseBackup> ExportReleasesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes the release back as it was, in one transaction with the change events of a new release;
    /// a release with its id is left as it is (<see cref="RestoreResult.Unchanged"/> at the backup's
    /// revision, otherwise <see cref="ReleaseExistsException"/>).
    /// </summary>
    Task<RestoreResult> RestoreReleaseAsync(ReleaseBackup backup, WriteContext context, CancellationToken cancellationToken);
}
