namespace Translations.Storage;

// Table rows. They mirror the domain's words; mapping to domain types lives in RecordMapping.

public sealed class ReleaseRecord
{
    public required string Id { get; set; }
    public string? Slug { get; set; }
    public DateOnly ReleaseDate { get; set; }
    public required string Category { get; set; }
    public required string SourceLanguage { get; set; }
    public long Revision { get; set; }
    public DateTimeOffset CreateTime { get; set; }
    public DateTimeOffset UpdateTime { get; set; }
    public List<ReleaseTagRecord> Tags { get; set; } = [];
    public List<VariantRecord> Variants { get; set; } = [];
    public List<PublishedVariantRecord> PublishedVariants { get; set; } = [];
}

public sealed class ReleaseTagRecord
{
    public required string ReleaseId { get; set; }
    public required string Tag { get; set; }
    /// <summary>Keeps the tags in the order the editor gave them.</summary>
    public int Position { get; set; }
}

/// <summary>The current revision of a variant, whatever its state (what translators and editors work on).</summary>
public sealed class VariantRecord
{
    public required string ReleaseId { get; set; }
    public required string Language { get; set; }
    public required string Title { get; set; }
    public required string Lead { get; set; }
    public required string Body { get; set; }
    public long Revision { get; set; }
    public long SourceRevision { get; set; }
    /// <summary>Who wrote the text.</summary>
    public required string Author { get; set; }
    /// <summary>Who made this revision: the author, or the editor who reviewed or published it.</summary>
    public required string Actor { get; set; }
    public DateTimeOffset UpdateTime { get; set; }
    public Releases.VariantState State { get; set; }
    public bool Outdated { get; set; }
    public string Comment { get; set; } = "";
    public long ContentRevision { get; set; }
}

/// <summary>
/// The published revision of a variant (what readers get); absent while the language is not published.
/// Whether a published translation is outdated is measured against the published source when read.
/// </summary>
public sealed class PublishedVariantRecord
{
    public required string ReleaseId { get; set; }
    public required string Language { get; set; }
    public required string Title { get; set; }
    public required string Lead { get; set; }
    public required string Body { get; set; }
    public long Revision { get; set; }
    public long SourceRevision { get; set; }
    public required string Author { get; set; }
    public required string Actor { get; set; }
    public DateTimeOffset UpdateTime { get; set; }
    public long ContentRevision { get; set; }
}

/// <summary>Every revision ever stored of a variant, the current one included.</summary>
public sealed class VariantRevisionRecord
{
    public required string ReleaseId { get; set; }
    public required string Language { get; set; }
    public long Revision { get; set; }
    public required string Title { get; set; }
    public required string Lead { get; set; }
    public required string Body { get; set; }
    public long SourceRevision { get; set; }
    public required string Author { get; set; }
    public required string Actor { get; set; }
    public DateTimeOffset UpdateTime { get; set; }
    public Releases.VariantState State { get; set; }
    public string Comment { get; set; } = "";
}

/// <summary>A publication an editor scheduled; carried out, and deleted, by the first replica to find it due.</summary>
public sealed class ScheduledPublicationRecord
{
    public long Id { get; set; }
    public required string ReleaseId { get; set; }
    /// <summary>The languages to publish together, comma-separated.</summary>
    public required string Languages { get; set; }
    /// <summary>UTC; a DateTime because SQLite compares those in queries, not DateTimeOffset.</summary>
    public DateTime PublishTime { get; set; }
    public required string Actor { get; set; }
    public DateTimeOffset CreateTime { get; set; }
}

/// <summary>
/// One committed change, appended in the same transaction as the change, with a gap-free sequence.
/// Cache invalidation and the watch stream follow it.
/// </summary>
public sealed class ChangeEventRecord
{
    public long Sequence { get; set; }
    public required string ReleaseId { get; set; }
    public string Category { get; set; } = "";
    public string? Language { get; set; }
    public Changes.ChangeEventType Type { get; set; }
    public long Revision { get; set; }
    public DateTimeOffset Time { get; set; }
    public required string Actor { get; set; }
    /// <summary>Readers may learn of this change (<see cref="Changes.ChangeVisibility"/>).</summary>
    public bool InPublishedView { get; set; }
}

/// <summary>The first outcome of an idempotent write, returned again on a retry with the same request id.</summary>
public sealed class RequestRecord
{
    public required string Operation { get; set; }
    public required string RequestId { get; set; }
    public required string Fingerprint { get; set; }
    public required string Result { get; set; }
    public DateTimeOffset CreateTime { get; set; }
}
