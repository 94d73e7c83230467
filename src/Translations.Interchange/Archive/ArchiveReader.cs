using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Translations.Interchange.Archive;

/// <summary>
/// Reads the old site's archive export: UTF-8 text (a byte-order mark, CRLF line ends, trailing and
/// non-breaking spaces and any number of blank lines tolerated) holding items one after another. An item
/// starts with a date line (<c>24.04.2024</c>: a short item without a title) or with a title line followed
/// by the title repeated with the date appended; then its paragraphs, one per line; then, for full releases,
/// a press contact block under a line of underscores; the site's navigation lines ("Go back", "Назад", …)
/// are dropped and video markers ("(Video)", "(Видео)") taken out of the text and recorded.
/// The whole file is checked before any item is returned: a malformed file is an
/// <see cref="ArchiveFormatException"/> naming the line and what was expected there.
/// </summary>
public static partial class ArchiveReader
{
    private static readonly HashSet<string> NavigationLines = new(StringComparer.OrdinalIgnoreCase)
    {
        "Go back", "Back", "Back to the section", "Back to the all news", "Back to all news",
        "Назад", "Вернуться в раздел", "Вернуться ко всем новостям", "Вернуться к списку новостей",
    };

    public static async Task<IReadOnlyList<ArchiveItem>> ReadAsync(Stream file, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    public static IReadOnlyList<ArchiveItem> Read(ReadOnlySpan<byte> bytes)
    {
        var lines = Lines(Decode(bytes));
        var items = new List<ArchiveItem>();
        var next = 0;
        while (NextText(lines, next) is { } start)
        {
            var item = ReadItem(lines, start, out next);
            items.Add(item);
        }
        return items.Count > 0
            ? items
            : throw new ArchiveFormatException(1, "the file holds no item; expected a date line (dd.mm.yyyy) or a title line followed by the title with its date");
    }

    private static ArchiveItem ReadItem(List<string> lines, int start, out int next)
    {
        var (date, title, bodyStart) = Header(lines, start)
            ?? throw new ArchiveFormatException(start + 1, $"expected an item: a date line (dd.mm.yyyy) or a title line followed by the title with its date, not \"{Shorten(lines[start])}\"");
        var paragraphs = new List<string>();
        List<string>? contact = null;
        var video = false;
        var at = bodyStart;
        for (; NextText(lines, at) is { } line && Header(lines, line) is null; at = line + 1)
        {
            var text = lines[line];
            if (NavigationLines.Contains(text))
            {
                continue;
            }
            if (Underscores().IsMatch(text))
            {
                if (paragraphs.Count == 0)
                {
                    throw new ArchiveFormatException(line + 1, "a press contact block (under a line of underscores) with no text of the item before it");
                }
                contact ??= [];
                continue;
            }
            var cleaned = WithoutVideoMarkers(text);
            video |= cleaned.Length != text.Length;
            if (cleaned.Length > 0)
            {
                (contact ?? paragraphs).Add(cleaned);
            }
        }
        next = NextText(lines, at) ?? lines.Count;
        if (paragraphs.Count == 0)
        {
            throw new ArchiveFormatException(start + 1, title is null
                ? $"the item dated {date:dd.MM.yyyy} has no text; expected its paragraphs after the date line"
                : $"the title \"{Shorten(title)}\" is not followed by any text; expected its paragraphs after the title with its date");
        }
        return new ArchiveItem(start + 1, date, title, paragraphs, contact is { Count: > 0 } ? string.Join('\n', contact) : null, video);
    }

    /// <summary>The item starting at <paramref name="line"/>: its date, its title (null for a short item) and where its text begins; null when no item starts there.</summary>
    private static (DateOnly Date, string? Title, int BodyStart)? Header(List<string> lines, int line)
    {
        var text = lines[line];
        if (DateLine().IsMatch(text))
        {
            return (Date(text, line), null, line + 1);
        }
        if (NextText(lines, line + 1) is { } repeated && lines[repeated].Length == text.Length + 11
            && lines[repeated].StartsWith(text, StringComparison.Ordinal) && lines[repeated][text.Length] == ' '
            && DateLine().IsMatch(lines[repeated].AsSpan(text.Length + 1)))
        {
            return (Date(lines[repeated][(text.Length + 1)..], repeated), text, repeated + 1);
        }
        return null;
    }

    private static DateOnly Date(string text, int line) =>
        DateOnly.TryParseExact(text, "dd.MM.yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ArchiveFormatException(line + 1, $"{text} is not a date; expected dd.mm.yyyy with a real day and month");

    private static int? NextText(List<string> lines, int from)
    {
        for (var i = from; i < lines.Count; i++)
        {
            if (lines[i].Length > 0)
            {
                return i;
            }
        }
        return null;
    }

    private static string WithoutVideoMarkers(string text) =>
        VideoMarker().IsMatch(text) ? Whitespace(VideoMarker().Replace(text, " ")) : text;

    /// <summary>Strict UTF-8 without a byte-order mark; an invalid byte is reported with its line.</summary>
    private static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }
        var chars = new char[bytes.Length];
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        return status == OperationStatus.Done
            ? new string(chars, 0, written)
            : throw new ArchiveFormatException(bytes[..read].Count((byte)'\n') + 1, "the file is not UTF-8 text; save the export as UTF-8 and import it again");
    }

    /// <summary>Every line, whitespace-normalised (an empty string for a blank one), at its index (line number − 1).</summary>
    private static List<string> Lines(string text) => [.. text.Split('\n').Select(Whitespace)];

    /// <summary>NFC; every run of whitespace (non-breaking spaces, tabs, a CR) one space; no space at either end.</summary>
    private static string Whitespace(string text) => Spaces().Replace(text.Normalize(NormalizationForm.FormC), " ").Trim();

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    [GeneratedRegex(@"^\d{2}\.\d{2}\.\d{4}$")]
    private static partial Regex DateLine();

    [GeneratedRegex(@"^_{3,}$")]
    private static partial Regex Underscores();

    [GeneratedRegex(@"\s*\((?:Video|Видео)\)", RegexOptions.IgnoreCase)]
    private static partial Regex VideoMarker();

    [GeneratedRegex(@"[\s\u00A0\u2007\u202F\uFEFF]+")]
    private static partial Regex Spaces();
}
