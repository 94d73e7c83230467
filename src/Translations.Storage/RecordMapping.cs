using Translations.Releases;

namespace Translations.Storage;

internal static class RecordMapping
{
    /// <summary>The release in a view: the current revision of every variant (draft), or the published ones only.</summary>
    public static Release ToRelease(this ReleaseRecord r, ReleaseView view = ReleaseView.Draft) => new(
        r.Id, r.Slug, r.ReleaseDate, r.Category,
        r.Tags.OrderBy(t => t.Position).Select(t => t.Tag).ToArray(),
        r.SourceLanguage,
        (view == ReleaseView.Draft ? r.Variants.Select(ToVariant) : ReleaseRules.AsPublished(r.PublishedVariants.Select(ToVariant), r.SourceLanguage))
            .OrderBy(v => v.Language == r.SourceLanguage ? 0 : 1).ThenBy(v => v.Language, StringComparer.Ordinal).ToArray(),
        r.Revision, r.CreateTime, r.UpdateTime);

    public static Variant ToVariant(this VariantRecord v) =>
        new(v.Language, v.Title, v.Lead, v.Body, v.Revision, v.SourceRevision, v.Author, v.UpdateTime, v.State, v.Outdated, v.Comment, v.ContentRevision, v.Actor);

    public static Variant ToVariant(this PublishedVariantRecord v) =>
        new(v.Language, v.Title, v.Lead, v.Body, v.Revision, v.SourceRevision, v.Author, v.UpdateTime, VariantState.Published,
            ContentRevision: v.ContentRevision, Actor: v.Actor);

    public static Variant ToVariant(this VariantRevisionRecord v) =>
        new(v.Language, v.Title, v.Lead, v.Body, v.Revision, v.SourceRevision, v.Author, v.UpdateTime, v.State, Comment: v.Comment, Actor: v.Actor);

    public static List<ReleaseTagRecord> ToTagRecords(string releaseId, IReadOnlyList<string> tags) =>
        tags.Select((tag, i) => new ReleaseTagRecord { ReleaseId = releaseId, Tag = tag, Position = i }).ToList();

    public static void CopyTo(this Variant v, VariantRecord record)
    {
        record.Title = v.Title;
        record.Lead = v.Lead;
        record.Body = v.Body;
        record.Revision = v.Revision;
        record.SourceRevision = v.SourceRevision;
        record.Author = v.Author;
        record.Actor = v.Actor;
        record.UpdateTime = v.UpdateTime;
        record.State = v.State;
        record.Outdated = v.Outdated;
        record.Comment = v.Comment;
        record.ContentRevision = v.FollowedRevision;
    }

    public static void CopyTo(this Variant v, PublishedVariantRecord record)
    {
        record.Title = v.Title;
        record.Lead = v.Lead;
        record.Body = v.Body;
        record.Revision = v.Revision;
        record.SourceRevision = v.SourceRevision;
        record.Author = v.Author;
        record.Actor = v.Actor;
        record.UpdateTime = v.UpdateTime;
        record.ContentRevision = v.FollowedRevision;
    }

    public static PublishedVariantRecord ToPublishedRecord(this Variant v, string releaseId) => new()
    {
        ReleaseId = releaseId, Language = v.Language, Title = v.Title, Lead = v.Lead, Body = v.Body,
        Revision = v.Revision, SourceRevision = v.SourceRevision, Author = v.Author, Actor = v.Actor, UpdateTime = v.UpdateTime,
        ContentRevision = v.FollowedRevision,
    };

    public static VariantRecord ToRecord(this Variant v, string releaseId) => new()
    {
        ReleaseId = releaseId, Language = v.Language, Title = v.Title, Lead = v.Lead, Body = v.Body,
        Revision = v.Revision, SourceRevision = v.SourceRevision, Author = v.Author, Actor = v.Actor, UpdateTime = v.UpdateTime,
        State = v.State, Outdated = v.Outdated, Comment = v.Comment, ContentRevision = v.FollowedRevision,
    };

    public static VariantRevisionRecord ToRevisionRecord(this Variant v, string releaseId) => new()
    {
        ReleaseId = releaseId, Language = v.Language, Revision = v.Revision, Title = v.Title, Lead = v.Lead,
        Body = v.Body, SourceRevision = v.SourceRevision, Author = v.Author, Actor = v.Actor, UpdateTime = v.UpdateTime,
        State = v.State, Comment = v.Comment,
    };
}
