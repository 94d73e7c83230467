using Translations.Languages;

namespace Translations.Caching;

/// <summary>
/// Cache keys of a release: one per shape a read needs, all variants or the view of one language
/// after fallback. A change of the release evicts all of them.
/// </summary>
public sealed class ReleaseCacheKeys(LanguageSettings languages)
{
    public static string For(string id, string? language) => language is null ? $"release:{id}" : $"release:{id}:{language}";

    public static string ForSlug(string slug) => $"slug:{slug}";

    public IEnumerable<string> AllFor(string id) => languages.Supported.Select(l => For(id, l)).Prepend(For(id, null));
}
