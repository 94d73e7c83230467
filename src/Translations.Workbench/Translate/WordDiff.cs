using System.Text.RegularExpressions;

namespace Translations.Workbench.Translate;

/// <summary>What a stretch of text did between two versions.</summary>
public enum DiffKind
{
    Same,
    Deleted,
    Inserted,
}

/// <summary>A stretch of text that stayed, went or came.</summary>
public sealed record DiffPart(DiffKind Kind, string Text);

/// <summary>
/// A word-level diff: both texts are cut into words, runs of white space and single punctuation marks,
/// and the longest common subsequence of those tokens is what stayed; the rest was deleted from the
/// first text or inserted into the second. Adjacent parts of one kind are merged, and within a change
/// the deletions come before the insertions. Concatenating the Same and Deleted parts gives back the
/// first text, the Same and Inserted parts the second.
/// </summary>
public static partial class WordDiff
{
    /// <summary>
    /// The most LCS cells computed for the part that differs after the common beginning and end are set
    /// aside (about 16 MB). Beyond it the middle is shown as deleted and inserted whole: exact, only coarse.
    /// </summary>
    public const long MaxCells = 4_000_000;

    public static IReadOnlyList<DiffPart> Compare(string before, string after)
    {
        var old = Tokens(before);
        var @new = Tokens(after);
        var prefix = 0;
        while (prefix < old.Count && prefix < @new.Count && old[prefix] == @new[prefix])
        {
            prefix++;
        }
        var suffix = 0;
        while (suffix < old.Count - prefix && suffix < @new.Count - prefix && old[^(suffix + 1)] == @new[^(suffix + 1)])
        {
            suffix++;
        }
        var parts = new List<DiffPart>();
        Add(parts, DiffKind.Same, old.Take(prefix));
        Middle(parts, old.Skip(prefix).Take(old.Count - prefix - suffix).ToList(), @new.Skip(prefix).Take(@new.Count - prefix - suffix).ToList());
        Add(parts, DiffKind.Same, old.Skip(old.Count - suffix));
        return parts;
    }

    /// <summary>Whether the two texts differ at all.</summary>
    public static bool Changed(IReadOnlyList<DiffPart> parts) => parts.Any(part => part.Kind != DiffKind.Same);

    private static void Middle(List<DiffPart> parts, List<string> old, List<string> @new)
    {
        if ((long)(old.Count + 1) * (@new.Count + 1) > MaxCells)
        {
            Add(parts, DiffKind.Deleted, old);
            Add(parts, DiffKind.Inserted, @new);
            return;
        }
        // common[i, j]: the length of the LCS of old[i..] and new[j..].
        var common = new int[old.Count + 1, @new.Count + 1];
        for (var i = old.Count - 1; i >= 0; i--)
        {
            for (var j = @new.Count - 1; j >= 0; j--)
            {
                common[i, j] = old[i] == @new[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }
        var deleted = new List<string>();
        var inserted = new List<string>();
        int x = 0, y = 0;
        while (x < old.Count || y < @new.Count)
        {
            if (x < old.Count && y < @new.Count && old[x] == @new[y])
            {
                Flush(parts, deleted, inserted);
                Add(parts, DiffKind.Same, [old[x]]);
                x++;
                y++;
            }
            else if (y == @new.Count || (x < old.Count && common[x + 1, y] >= common[x, y + 1]))
            {
                deleted.Add(old[x++]);
            }
            else
            {
                inserted.Add(@new[y++]);
            }
        }
        Flush(parts, deleted, inserted);
    }

    private static void Flush(List<DiffPart> parts, List<string> deleted, List<string> inserted)
    {
        Add(parts, DiffKind.Deleted, deleted);
        Add(parts, DiffKind.Inserted, inserted);
        deleted.Clear();
        inserted.Clear();
    }

    private static void Add(List<DiffPart> parts, DiffKind kind, IEnumerable<string> tokens)
    {
        var text = string.Concat(tokens);
        if (text.Length == 0)
        {
            return;
        }
        if (parts.Count > 0 && parts[^1].Kind == kind)
        {
            parts[^1] = parts[^1] with { Text = parts[^1].Text + text };
        }
        else
        {
            parts.Add(new DiffPart(kind, text));
        }
    }

    private static List<string> Tokens(string text) => Token().Matches(text).Select(match => match.Value).ToList();

    /// <summary>A word (letters, digits, marks, joined by apostrophes or hyphens inside), a run of white space, or one other character.</summary>
    [GeneratedRegex(@"[\p{L}\p{N}\p{M}]+(?:['’\-][\p{L}\p{N}\p{M}]+)*|\s+|.", RegexOptions.Singleline)]
    private static partial Regex Token();
}
