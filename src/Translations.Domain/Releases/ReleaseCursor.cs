using System.Globalization;

namespace Translations.Releases;

/// <summary>
/// A position in an ordered release stream: the sort key of the last release a client received.
/// Encoded as opaque base64url text; it carries the order so that it cannot silently be used with
/// the opposite one.
/// </summary>
public sealed record ReleaseCursor(ReleaseOrder Order, DateOnly ReleaseDate, string ReleaseId)
{
    private const string Version = "c1";

    public static ReleaseCursor After(Release release, ReleaseOrder order) => new(order, release.ReleaseDate, release.Id);

    public string Encode() =>
        CursorText.Encode(Version, Order == ReleaseOrder.ReleaseDateAscending ? "a" : "d", ReleaseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ReleaseId);

    public static bool TryDecode(string encoded, out ReleaseCursor? cursor)
    {
        cursor = null;
        var parts = CursorText.Decode(encoded, 128);
        if (parts is not [Version, "a" or "d", var date, var id]
            || !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var releaseDate)
            || !Releases.ReleaseId.IsWellFormed(id))
        {
            return false;
        }
        cursor = new ReleaseCursor(parts[1] == "a" ? ReleaseOrder.ReleaseDateAscending : ReleaseOrder.ReleaseDateDescending, releaseDate, id);
        return true;
    }
}
