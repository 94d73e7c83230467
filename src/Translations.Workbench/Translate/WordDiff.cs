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
/// A word-level diff. Both texts are cut into words and single punctuation marks, each with the white space
/// before it; the longest common subsequence of those tokens, compared without their white space and with
/// a word counting twice a punctuation mark, is what stayed. White space is never matched on its own, so
/// spaces and full stops cannot outvote the words. A kept token whose white space changed (a space that
/// became a paragraph break) shows that white space as deleted and inserted. Adjacent parts of one kind
/// are merged, and within a change the deletions come before the insertions. Concatenating the Same and
/// Deleted parts gives back the first text, the Same and Inserted parts the second.
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
        var parts = new Parts();
        parts.Add(DiffKind.Same, old.Take(prefix));
        Middle(parts, old[prefix..^suffix], @new[prefix..^suffix]);
        parts.Add(DiffKind.Same, old.Skip(old.Count - suffix));
        return parts.Result;
    }

    /// <summary>Whether the two texts differ at all.</summary>
    public static bool Changed(IReadOnlyList<DiffPart> parts) => parts.Any(part => part.Kind != DiffKind.Same);

    private static void Middle(Parts parts, List<Token> old, List<Token> @new)
    {
        if ((long)(old.Count + 1) * (@new.Count + 1) > MaxCells)
        {
            parts.Add(DiffKind.Deleted, old);
            parts.Add(DiffKind.Inserted, @new);
            return;
        }
        // kept[i, j]: the weight of the heaviest common subsequence of old[i..] and new[j..].
        var kept = new int[old.Count + 1, @new.Count + 1];
        for (var i = old.Count - 1; i >= 0; i--)
        {
            for (var j = @new.Count - 1; j >= 0; j--)
            {
                kept[i, j] = old[i].Text == @new[j].Text
                    ? kept[i + 1, j + 1] + old[i].Weight
                    : Math.Max(kept[i + 1, j], kept[i, j + 1]);
            }
        }
        int x = 0, y = 0;
        while (x < old.Count || y < @new.Count)
        {
            if (x < old.Count && y < @new.Count && old[x].Text == @new[y].Text)
            {
                parts.Keep(old[x++], @new[y++]);
            }
            else if (y == @new.Count || (x < old.Count && kept[x + 1, y] >= kept[x, y + 1]))
            {
                parts.Add(DiffKind.Deleted, [old[x++]]);
            }
            else
            {
                parts.Add(DiffKind.Inserted, [@new[y++]]);
            }
        }
    }

    /// <summary>A word or a punctuation mark with the white space before it; the end of a text is a token with no text.</summary>
    private readonly record struct Token(string Space, string Text)
    {
        public int Weight => Text.Length > 0 && char.IsLetterOrDigit(Text, 0) ? 2 : 1;

        public override string ToString() => Space + Text;
    }

    private static List<Token> Tokens(string text)
    {
        var tokens = new List<Token>();
        var end = 0;
        foreach (Match match in TokenPattern().Matches(text))
        {
            tokens.Add(new Token(match.Groups["space"].Value, match.Groups["text"].Value));
            end = match.Index + match.Length;
        }
        // The white space at the end (or the whole of a blank text) belongs to the end token.
        tokens.Add(new Token(text[end..], ""));
        return tokens;
    }

    /// <summary>White space, then a word (letters, digits, marks, joined by apostrophes or hyphens inside) or one other character.</summary>
    [GeneratedRegex(@"(?<space>\s*)(?<text>[\p{L}\p{N}\p{M}]+(?:['’\-][\p{L}\p{N}\p{M}]+)*|\S)")]
    private static partial Regex TokenPattern();

    /// <summary>The parts as they are found: deletions and insertions held until something is kept.</summary>
    private sealed class Parts
    {
        private readonly List<DiffPart> _done = [];
        private string _deleted = "";
        private string _inserted = "";

        public IReadOnlyList<DiffPart> Result
        {
            get
            {
                Flush();
                return Slid(_done);
            }
        }

        /// <summary>
        /// An insertion or deletion alone between kept text may often sit a few characters further on with the
        /// same meaning ("in June<ins>. Entry is free</ins>." or "in June.<ins> Entry is free.</ins>"); it is moved
        /// past white space and punctuation, never into a word, so that it ends where a sentence or word does.
        /// </summary>
        private static List<DiffPart> Slid(List<DiffPart> parts)
        {
            var slid = new Parts();
            for (var i = 0; i < parts.Count; i++)
            {
                var part = parts[i];
                var alone = part.Kind != DiffKind.Same
                    && (i == 0 || parts[i - 1].Kind == DiffKind.Same)
                    && i + 1 < parts.Count && parts[i + 1].Kind == DiffKind.Same;
                if (!alone)
                {
                    slid.Append(part.Kind, part.Text);
                    continue;
                }
                var (edit, next) = (part.Text, parts[i + 1].Text);
                while (next.Length > 0 && edit[0] == next[0] && !char.IsLetterOrDigit(next[0]))
                {
                    slid.Append(DiffKind.Same, edit[..1]);
                    (edit, next) = (edit[1..] + next[0], next[1..]);
                }
                slid.Append(part.Kind, edit);
                slid.Append(DiffKind.Same, next);
                i++;
            }
            return slid._done;
        }

        public void Add(DiffKind kind, IEnumerable<Token> tokens)
        {
            var text = string.Concat(tokens.Select(token => token.ToString()));
            switch (kind)
            {
                case DiffKind.Deleted:
                    _deleted += text;
                    break;
                case DiffKind.Inserted:
                    _inserted += text;
                    break;
                default:
                    Flush();
                    Append(DiffKind.Same, text);
                    break;
            }
        }

        /// <summary>A token both texts have, perhaps after different white space.</summary>
        public void Keep(Token old, Token @new)
        {
            if (old.Space != @new.Space)
            {
                _deleted += old.Space;
                _inserted += @new.Space;
                Flush();
                Append(DiffKind.Same, old.Text);
                return;
            }
            Add(DiffKind.Same, [old]);
        }

        /// <summary>
        /// The held change. White space both sides start with stays outside it, so that "a b" to "a c" marks
        /// "b" and "c" rather than " b" and " c".
        /// </summary>
        private void Flush()
        {
            if (_deleted.Length > 0 && _inserted.Length > 0)
            {
                var common = 0;
                while (common < _deleted.Length && common < _inserted.Length && _deleted[common] == _inserted[common] && char.IsWhiteSpace(_deleted[common]))
                {
                    common++;
                }
                Append(DiffKind.Same, _deleted[..common]);
                _deleted = _deleted[common..];
                _inserted = _inserted[common..];
            }
            Append(DiffKind.Deleted, _deleted);
            Append(DiffKind.Inserted, _inserted);
            _deleted = _inserted = "";
        }

        private void Append(DiffKind kind, string text)
        {
            if (text.Length == 0)
            {
                return;
            }
            if (_done.Count > 0 && _done[^1].Kind == kind)
            {
                _done[^1] = _done[^1] with { Text = _done[^1].Text + text };
            }
            else
            {
                _done.Add(new DiffPart(kind, text));
            }
        }
    }
}
