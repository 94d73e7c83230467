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
        if (ProblemsWith(options) is { Count: > 0 } problems)
        {
            throw new ArgumentException($"Invalid {LanguageOptions.Section} settings: {string.Join(" ", problems)}");
        }
        var (supported, fallback) = Effective(options);
        Supported = supported.Distinct().ToArray();
        _chains = Supported.ToDictionary(
            l => l,
            l => new[] { l }.Concat(fallback.GetValueOrDefault(l) ?? []).Distinct().ToArray());
    }

    /// <summary>
    /// What is wrong with the configured languages: a sentence per wrong entry, naming it the way it is
    /// set (<c>Languages__Fallback__en__0</c>) and saying what to do.
    /// </summary>
    public static IReadOnlyList<string> ProblemsWith(LanguageOptions options)
    {
        const string SupportedSetting = $"{LanguageOptions.Section}__Supported";
        const string FallbackSetting = $"{LanguageOptions.Section}__Fallback";
        var (supported, fallback) = Effective(options);
        List<string> problems = [];
        for (var i = 0; i < options.Supported.Count; i++)
        {
            if (!Bcp47().IsMatch(options.Supported[i]))
            {
                problems.Add($"{SupportedSetting}__{i} is \"{options.Supported[i]}\", which is {NotATag}.");
            }
        }
        foreach (var (language, chain) in fallback)
        {
            if (!Bcp47().IsMatch(language))
            {
                problems.Add($"{FallbackSetting}__{language}: \"{language}\" is {NotATag}.");
            }
            else if (!supported.Contains(language))
            {
                problems.Add($"{FallbackSetting}__{language}: \"{language}\" is not listed in {SupportedSetting}; add it there or remove its fallback.");
            }
            for (var i = 0; i < chain.Count; i++)
            {
                if (!Bcp47().IsMatch(chain[i]))
                {
                    problems.Add($"{FallbackSetting}__{language}__{i} is \"{chain[i]}\", which is {NotATag}.");
                }
                else if (!supported.Contains(chain[i]))
                {
                    problems.Add($"{FallbackSetting}__{language}__{i} is \"{chain[i]}\", which is not listed in {SupportedSetting}; add it there or remove it.");
                }
            }
        }
        return problems;
    }

    private const string NotATag = "not a lower-case BCP-47 tag: write e.g. en or pt-br";

    /// <summary>Without any language settings the defaults apply; once <c>Supported</c> is set, only the fallbacks configured.</summary>
    private static (List<string> Supported, Dictionary<string, List<string>> Fallback) Effective(LanguageOptions options) =>
        (options.Supported.Count > 0 ? options.Supported : LanguageOptions.Default.Supported,
         options.Fallback.Count > 0 || options.Supported.Count > 0 ? options.Fallback : LanguageOptions.Default.Fallback);

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
