using System.Text.RegularExpressions;

namespace Translations.Releases;

/// <summary>
/// Release ids are UUIDv7 in 32 lower-case hex digits: opaque and URL-safe for clients, and
/// roughly time-ordered, which keeps the primary-key index append-only.
/// </summary>
public static partial class ReleaseId
{
    public static string New() => Guid.CreateVersion7().ToString("N");

    public static bool IsWellFormed(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Pattern();
}
