using Translations.V1;

namespace Translations.Workbench.Releases;

/// <summary>A release's variants as the editors' pages list them.</summary>
public static class ReleaseVariants
{
    /// <summary>The release's variant in its source language; null if it has none.</summary>
    public static Variant? SourceOf(Release release) => release.Variants.FirstOrDefault(variant => variant.Language == release.SourceLanguage);

    /// <summary>The source language's variant first, then the translations by language tag.</summary>
    public static IEnumerable<Variant> InOrder(Release release) =>
        release.Variants.OrderBy(variant => variant.Language != release.SourceLanguage).ThenBy(variant => variant.Language, StringComparer.Ordinal);
}
