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
    /// <summary>
    /// The version of what an entry holds (<see cref="ReleaseCacheSerializer"/>'s envelope, with the
    /// meaning of its fields then): raised when that changes, so that replicas of different versions never
    /// read each other's entries. 2: variants carry their actor, and published translations are outdated
    /// against the published source. 3: the envelope, with each variant's content revision.
    /// </summary>
    private const string FormatVersion = "3";

    public static string For(string id, string? language, ReleaseView view = ReleaseView.Published)
    {
        var prefix = view == ReleaseView.Published ? $"release:v{FormatVersion}" : $"draft:v{FormatVersion}";
        return language is null ? $"{prefix}:{id}" : $"{prefix}:{id}:{language}";
    }

    public static string ForSlug(string slug) => $"slug:{slug}";

    public IEnumerable<string> AllFor(string id) =>
        from view in new[] { ReleaseView.Published, ReleaseView.Draft }
        from language in languages.Supported.Prepend(null)
        select For(id, language, view);
}
