using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Translations.Releases;

/// <summary>
/// A position in a search's hits: the sort key of the last hit a client received (score, then release date
/// and id, both descending), and the key of the search it came from, so that it cannot silently be used
/// with another one. Encoded as opaque base64url text.
/// </summary>
public sealed record SearchCursor(string SearchKey, double Score, DateOnly ReleaseDate, string ReleaseId)
{
    private const string Version = "s1";

    public string Encode() =>
        CursorText.Encode(Version, SearchKey, Score.ToString("R", CultureInfo.InvariantCulture), ReleaseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ReleaseId);

    public static bool TryDecode(string encoded, out SearchCursor? cursor)
    {
        cursor = null;
        var parts = CursorText.Decode(encoded, 160);
        if (parts is not [Version, var key, var score, var date, var id]
            || !double.TryParse(score, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsedScore) || !double.IsFinite(parsedScore)
            || !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var releaseDate)
            || !Releases.ReleaseId.IsWellFormed(id))
        {
            return false;
        }
        cursor = new SearchCursor(key, parsedScore, releaseDate, id);
        return true;
    }

    /// <summary>A short digest of the search: a cursor of one search given to another is refused, not misread.</summary>
    public static string KeyOf(string text, string language, ReleaseView view) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{language}\n{view}\n{text}")))[..16];
}
