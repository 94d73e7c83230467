namespace Translations.Releases;

/// <summary>
/// Everything stored about one release, as a backup keeps it and a restore writes it back:
/// <paramref name="Release"/> in the draft view (each variant's current revision, with its
/// <see cref="Variant.ContentRevision"/>), the <paramref name="Published"/> revision of each published
/// language, and every stored revision of every variant (<paramref name="Revisions"/>, by language, oldest first).
/// </summary>
public sealed record ReleaseBackup(Release Release, IReadOnlyList<Variant> Published, IReadOnlyList<Variant> Revisions);

/// <summary>What restoring one release did.</summary>
public enum RestoreResult
{
    /// <summary>Written: the release did not exist.</summary>
    Created,

    /// <summary>Nothing written: the release exists at the backup's revision.</summary>
    Unchanged,
}
