using System.Text.RegularExpressions;
using Translations.Releases;
using Translations.Validation;

namespace Translations.Languages;

/// <summary>The configured languages, checked once at start-up, and the fallback rule for readers.</summary>
public sealed partial class LanguageSettings
{
    private readonly Dictionary<string, string[]> _chains;

    public LanguageSettings(LanguageOptions options)
    {
        var supported = options.Supported.Count > 0 ? options.Supported : LanguageOptions.Default.Supported;
        var fallback = options.Fallback.Count > 0 || options.Supported.Count > 0
            ? options.Fallback
            : LanguageOptions.Default.Fallback;

        var problems = new List<string>();
        foreach (var language in supported.Concat(fallback.Keys).Concat(fallback.Values.SelectMany(v => v)))
        {
            if (!Bcp47().IsMatch(language))
            {
                problems.Add($"'{language}' is not a lower-case BCP-47 tag");
            }
            else if (!supported.Contains(language))
            {
                problems.Add($"'{language}' is used in {LanguageOptions.Section}:Fallback but not listed in {LanguageOptions.Section}:Supported");
            }
        }
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid {LanguageOptions.Section} settings: {string.Join("; ", problems.Distinct())}.");
        }

        Supported = supported.Distinct().ToArray();
        _chains = Supported.ToDictionary(
            l => l,
            l => new[] { l }.Concat(fallback.GetValueOrDefault(l) ?? []).Distinct().ToArray());
    }

    public IReadOnlyList<string> Supported { get; }

    /// <summary>The requested language first, then its fallbacks.</summary>
    public IReadOnlyList<string> ChainFor(string language) => _chains[language];

    public bool IsSupported(string language) => _chains.ContainsKey(language);

    /// <summary>Checks a language named by a client. Empty is allowed only where <paramref name="optional"/>.</summary>
    public string Check(string? raw, string field, Violations violations, bool optional = false)
    {
        raw ??= "";
        if (raw.Length == 0)
        {
            if (!optional)
            {
                violations.Add(field, $"is required: one of {string.Join(", ", Supported)}");
            }
        }
        else if (!IsSupported(raw))
        {
            violations.Add(field, $"'{raw}' is not a supported language; use one of {string.Join(", ", Supported)} (lower case)");
        }
        return raw;
    }

    /// <summary>
    /// The variant a reader of <paramref name="language"/> gets: that language if the release has it,
    /// else the first language of its fallback chain that it has; null when none.
    /// </summary>
    public ServedVariant? Serve(Release release, string language)
    {
        foreach (var candidate in ChainFor(language))
        {
            if (release.FindVariant(candidate) is { } variant)
            {
                return new ServedVariant(release.WithOnly(variant), candidate, FellBack: candidate != language);
            }
        }
        return null;
    }

    [GeneratedRegex("^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex Bcp47();
}

/// <summary>A release reduced to the one variant a reader gets, and whether that was a fallback.</summary>
public sealed record ServedVariant(Release Release, string Language, bool FellBack);
