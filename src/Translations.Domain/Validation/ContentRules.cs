using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Translations.Validation;

/// <summary>
/// Normalises and checks every client-supplied field. Each method returns the normalised value and
/// records a violation under the given field path when the value is unacceptable.
/// </summary>
public sealed partial class ContentRules(ContentLimits limits)
{
    public const int MaxSlugLength = 120;
    public const int MaxCategoryLength = 64;
    public const int MaxRequestIdLength = 128;

    /// <summary>Unicode's control characters (Cc) other than newline and tab.</summary>
    private static readonly SearchValues<char> ForbiddenControlCharacters = SearchValues.Create(
        Enumerable.Range(0, 0xA0).Select(i => (char)i).Where(c => char.IsControl(c) && c is not '\n' and not '\t').ToArray());

    public ContentLimits Limits { get; } = limits;

    /// <summary>NFC, outer white space trimmed, and no control characters other than newline and tab.</summary>
    public static string Normalize(string? text) => (text ?? "").Normalize(NormalizationForm.FormC).Trim();

    public string Title(string? raw, string field, Violations violations)
    {
        var title = Normalize(raw);
        if (CheckText(title, field, 1, Limits.MaxTitleLength, violations) && title.Contains('\n'))
        {
            violations.Add(field, "must be a single line");
        }
        return title;
    }

    public string Lead(string? raw, string field, Violations violations)
    {
        var lead = Normalize(raw);
        CheckText(lead, field, 0, Limits.MaxLeadLength, violations);
        return lead;
    }

    /// <summary>A reviewer's comment: like a lead, at most 2,000 characters.</summary>
    public const int MaxCommentLength = 2_000;

    public string Comment(string? raw, string field, bool required, Violations violations)
    {
        var comment = Normalize(raw);
        CheckText(comment, field, required ? 1 : 0, MaxCommentLength, violations);
        return comment;
    }

    public string Body(string? raw, string field, Violations violations)
    {
        var body = Normalize(raw);
        CheckText(body, field, 1, Limits.MaxBodyLength, violations);
        return body;
    }

    /// <summary>Empty means "no slug".</summary>
    public static string? Slug(string? raw, string field, Violations violations)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }
        if (raw.Length > MaxSlugLength || !SlugPattern().IsMatch(raw))
        {
            violations.Add(field, $"must be 1-{MaxSlugLength} characters of a-z, 0-9 and '-'");
        }
        return raw;
    }

    /// <summary>Empty means "no category".</summary>
    public static string Category(string? raw, string field, Violations violations)
    {
        raw ??= "";
        if (raw.Length > 0 && (raw.Length > MaxCategoryLength || !SlugPattern().IsMatch(raw)))
        {
            violations.Add(field, $"must be empty or 1-{MaxCategoryLength} characters of a-z, 0-9 and '-'");
        }
        return raw;
    }

    public IReadOnlyList<string> Tags(IEnumerable<string> raw, string field, Violations violations)
    {
        var tags = new List<string>();
        var index = 0;
        foreach (var item in raw)
        {
            var tag = Normalize(item);
            if (CheckText(tag, $"{field}[{index}]", 1, Limits.MaxTagLength, violations)
                && tag.Contains('\n'))
            {
                violations.Add($"{field}[{index}]", "must be a single line");
            }
            if (!tags.Contains(tag, StringComparer.Ordinal))
            {
                tags.Add(tag);
            }
            index++;
        }
        if (tags.Count > Limits.MaxTags)
        {
            violations.Add(field, $"at most {Limits.MaxTags} distinct tags are allowed, got {tags.Count}");
        }
        return tags;
    }

    /// <summary>Empty or at most 128 printable ASCII characters.</summary>
    public static string RequestId(string? raw, string field, Violations violations)
    {
        raw ??= "";
        if (raw.Length > MaxRequestIdLength || raw.Any(c => c is < '!' or > '~'))
        {
            violations.Add(field, $"must be at most {MaxRequestIdLength} printable ASCII characters without spaces");
        }
        return raw;
    }

    private static bool CheckText(string text, string field, int min, int max, Violations violations)
    {
        var bad = text.AsSpan().IndexOfAny(ForbiddenControlCharacters);
        if (bad >= 0)
        {
            violations.Add(field, $"contains the control character U+{(int)text[bad]:X4}; only newline and tab are allowed");
            return false;
        }
        var length = CountCharacters(text);
        if (length < min || length > max)
        {
            violations.Add(field, min == 0
                ? $"must be at most {max} characters, got {length}"
                : $"must be {min}-{max} characters, got {length}");
            return false;
        }
        return true;
    }

    private static int CountCharacters(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }
        return count;
    }

    [GeneratedRegex("^[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
