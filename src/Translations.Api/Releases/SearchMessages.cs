using System.Text;
using Translations.Search;
using Translations.V1;

namespace Translations.Releases;

/// <summary>Search hits as messages: marks as ranges in code points, and, when asked, the text HTML-escaped with the caller's tags.</summary>
public static class SearchMessages
{
    public static SearchReleasesResponse ToResponse(this Releases.SearchHit hit, ReleaseSearch search, MarkTags? tags) => new()
    {
        Hit = new V1.SearchHit
        {
            ReleaseId = hit.ReleaseId,
            Language = hit.Language,
            ReleaseDate = hit.ReleaseDate.ToMessage(),
            Title = hit.Title.ToMessage(tags),
            Snippet = hit.Snippet.ToMessage(tags),
            Score = hit.Score,
        },
        Cursor = hit.Cursor(search).Encode(),
    };

    public static MarkedText ToMessage(this Snippet snippet, MarkTags? tags)
    {
        var message = new MarkedText { Text = snippet.Text };
        // Marks are found in UTF-16 units; clients count code points (a surrogate pair is one).
        var codePoints = new int[snippet.Text.Length + 1];
        for (var i = 0; i < snippet.Text.Length; i++)
        {
            codePoints[i + 1] = codePoints[i] + (char.IsLowSurrogate(snippet.Text[i]) ? 0 : 1);
        }
        foreach (var mark in snippet.Marks)
        {
            var start = codePoints[mark.Start];
            message.Marks.Add(new TextRange { Start = start, Length = codePoints[mark.Start + mark.Length] - start });
        }
        if (tags is not null)
        {
            message.Tagged = Tagged(snippet, tags);
        }
        return message;
    }

    private static string Tagged(Snippet snippet, MarkTags tags)
    {
        var tagged = new StringBuilder(snippet.Text.Length + snippet.Marks.Count * (tags.Open.Length + tags.Close.Length) + 16);
        var at = 0;
        foreach (var mark in snippet.Marks)
        {
            tagged.Append(Escape(snippet.Text[at..mark.Start])).Append(tags.Open)
                .Append(Escape(snippet.Text.Substring(mark.Start, mark.Length))).Append(tags.Close);
            at = mark.Start + mark.Length;
        }
        return tagged.Append(Escape(snippet.Text[at..])).ToString();
    }

    /// <summary>The five characters HTML gives meaning to; every other character (Cyrillic, «») stays as it is.</summary>
    private static string Escape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;");
}
