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

/// <summary>One revision of one language version of a release.</summary>
public sealed record Variant(
    string Language,
    string Title,
    string Lead,
    string Body,
    long Revision,
    long SourceRevision,
    string Author,
    DateTimeOffset UpdateTime);

/// <summary>The text a translator or editor submits for one variant.</summary>
public sealed record VariantText(string Title, string Lead, string Body);
