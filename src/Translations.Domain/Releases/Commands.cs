using Translations.Access;

namespace Translations.Releases;

/// <summary>A release to create, with its source variant; already validated and normalised.</summary>
public sealed record NewRelease(
    string? Slug,
    DateOnly ReleaseDate,
    string Category,
    IReadOnlyList<string> Tags,
    string SourceLanguage,
    VariantText Source,
    bool SubmitForReview = false);

/// <summary>The metadata fields an update may change.</summary>
[Flags]
public enum MetadataFields
{
    None = 0,
    Slug = 1,
    ReleaseDate = 2,
    Category = 4,
    Tags = 8,
    All = Slug | ReleaseDate | Category | Tags,
}

/// <summary>A change of a release's metadata: only the fields in <see cref="Fields"/> are applied.</summary>
public sealed record ReleaseMetadataChange(
    string ReleaseId,
    long ExpectedRevision,
    MetadataFields Fields,
    string? Slug,
    DateOnly ReleaseDate,
    string Category,
    IReadOnlyList<string> Tags);

/// <summary>
/// A new revision of one variant. <see cref="ExpectedRevision"/> 0 means the variant must not exist yet.
/// <see cref="Minor"/> (source only): a typo fix that does not make the translations outdated.
/// </summary>
public sealed record VariantSubmission(
    string ReleaseId,
    string Language,
    VariantText Text,
    long SourceRevision,
    long ExpectedRevision,
    bool SubmitForReview = false,
    bool Minor = false);

/// <summary>Sends a variant's current revision (a draft or rejected one) to review as it is.</summary>
public sealed record VariantToReview(string ReleaseId, string Language, long ExpectedRevision);

/// <summary>An editor's decision on the variant revision under review.</summary>
public sealed record VariantReview(string ReleaseId, string Language, long ExpectedRevision, bool Approve, string Comment);

/// <summary>Languages of one release to publish together, now or at <see cref="PublishTime"/>.</summary>
public sealed record Publication(string ReleaseId, IReadOnlyList<string> Languages, DateTimeOffset? PublishTime);

/// <summary>The outcome of a publication: the release (draft view) and whether it was only scheduled.</summary>
public sealed record PublicationResult(Release Release, bool Scheduled);

/// <summary>A scheduled publication that fell due: published, or dropped with the reason.</summary>
public sealed record DuePublication(string ReleaseId, IReadOnlyList<string> Languages, string Actor, Release? Published, string? Failure);

/// <summary>The outcome of a submission or review: the stored variant and the release revision it produced.</summary>
public sealed record SubmittedVariant(Variant Variant, long ReleaseRevision);

/// <summary>Who writes, and the idempotency key of the write if the caller gave one.</summary>
public sealed record WriteContext(Caller Caller, RequestKey? Request)
{
    /// <summary>Recorded as the author of every revision and the actor of every change event.</summary>
    public string Author => Caller.Id;
}

/// <summary>Scheduled publications not yet carried out, and those of them already due (late).</summary>
public sealed record ScheduledCounts(int Pending, int Overdue);
