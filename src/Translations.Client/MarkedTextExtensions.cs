using System.Text;
using Translations.V1;

namespace Translations.Client;

/// <summary>A run of a <see cref="MarkedText"/>'s text: one of its marks, or the text between two of them.</summary>
public readonly record struct TextPart(string Text, bool Marked);

/// <summary>Reading the marks of search hits in .NET strings.</summary>
public static class MarkedTextExtensions
{
    /// <summary>
    /// The text cut at its marks, in order: the text before the first mark, the first mark, and so on
    /// (empty runs left out), so that a caller can show the marked words as it likes. Marks count Unicode
    /// code points, .NET strings UTF-16 units: a mark after an emoji still lands on its word here, where
    /// <c>Substring(mark.Start, mark.Length)</c> would not. A mark that overlaps the one before it or
    /// reaches past the text is left out.
    /// </summary>
    public static IEnumerable<TextPart> Parts(this MarkedText text)
    {
        var value = text.Text;
        // Where each code point starts in the string, and the string's length after the last one.
        var starts = new List<int>(value.Length + 1);
        for (var index = 0; index < value.Length; )
        {
            starts.Add(index);
            Rune.DecodeFromUtf16(value.AsSpan(index), out _, out var units);   // a lone surrogate counts as one
            index += units;
        }
        starts.Add(value.Length);
        var codePoints = starts.Count - 1;

        var done = 0;
        foreach (var mark in text.Marks)
        {
            if (mark.Start < done || mark.Length <= 0 || mark.Start > codePoints - mark.Length)
            {
                continue;
            }
            if (mark.Start > done)
            {
                yield return new TextPart(value[starts[done]..starts[mark.Start]], false);
            }
            done = mark.Start + mark.Length;
            yield return new TextPart(value[starts[mark.Start]..starts[done]], true);
        }
        if (done < codePoints)
        {
            yield return new TextPart(value[starts[done]..], false);
        }
    }
}
