namespace Translations.Releases;

/// <summary>A press release with its language variants, as stored.</summary>
public sealed record Release(
    string Id,
    string? Slug,
    DateOnly ReleaseDate,
    string Category,
    IReadOnlyList<string> Tags,
    string SourceLanguage,
    IReadOnlyList<Variant> Variants,
    long Revision,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime)
{
    public Variant? FindVariant(string language) => Variants.FirstOrDefault(v => v.Language == language);

    public Variant SourceVariant() =>
        FindVariant(SourceLanguage) ?? throw new InvalidOperationException($"Release {Id} has no source variant.");

    /// <summary>The same release reduced to one variant, as served to a reader of one language.</summary>
    public Release WithOnly(Variant variant) => this with { Variants = [variant] };
}

/// <summary>
/// One revision of one language version of a release. Every submission and every state change is a
/// revision. <see cref="Author"/> wrote the text; <see cref="Actor"/> made this revision (the author
/// for a new text, the editor for a review or publication; the author when not recorded).
/// <see cref="Outdated"/>: the source text changed after this translation was made.
/// <see cref="ContentRevision"/>: the revision whose text translations must follow (a minor edit of
/// the source keeps the previous one; 0 when unknown, taken as <see cref="Revision"/>).
/// </summary>
public sealed record Variant(
    string Language,
    string Title,
    string Lead,
    string Body,
    long Revision,
    long SourceRevision,
    string Author,
    DateTimeOffset UpdateTime,
    VariantState State = VariantState.Draft,
    bool Outdated = false,
    string Comment = "",
    long ContentRevision = 0,
    string Actor = "")
{
    /// <summary>Revisions stored before actors were recorded were made by their author.</summary>
    public string Actor { get; init; } = string.IsNullOrEmpty(Actor) ? Author : Actor;

    public long FollowedRevision => ContentRevision == 0 ? Revision : ContentRevision;

    /// <summary>Whether <paramref name="text"/> is this revision's text, word for word.</summary>
    public bool HasText(VariantText text) => Title == text.Title && Lead == text.Lead && Body == text.Body;

    /// <summary>The next revision with the same text (and author) and a new state, made by <paramref name="actor"/>.</summary>
    public Variant WithState(VariantState state, string actor, string comment, DateTimeOffset now) =>
        this with { State = state, Revision = Revision + 1, Actor = actor, Comment = comment, UpdateTime = now };
}

/// <summary>The text a translator or editor submits for one variant.</summary>
public sealed record VariantText(string Title, string Lead, string Body);
