using Translations.Languages;
using Translations.Releases;

namespace Translations.Caching;

/// <summary>
/// Cache keys of a release: one per shape a read needs, in each view (published: <c>release:</c>,
/// draft: <c>draft:</c>), all variants or the one variant of a language after fallback. A change of
/// the release evicts all of them.
/// </summary>
public sealed class ReleaseCacheKeys(LanguageSettings languages)
{
    public static string For(string id, string? language, ReleaseView view = ReleaseView.Published)
    {
        var prefix = view == ReleaseView.Published ? "release" : "draft";
        return language is null ? $"{prefix}:{id}" : $"{prefix}:{id}:{language}";
    }

    public static string ForSlug(string slug) => $"slug:{slug}";

    public IEnumerable<string> AllFor(string id) =>
        from view in new[] { ReleaseView.Published, ReleaseView.Draft }
        from language in languages.Supported.Prepend(null)
        select For(id, language, view);
}
