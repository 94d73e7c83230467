using System.Globalization;
using System.Text;

namespace Translations.Search;

/// <summary>The kinds of token PostgreSQL's default text search parser tells apart (its <c>ts_token_type</c> aliases).</summary>
internal enum TokenKind
{
    AsciiWord,
    Word,
    NumWord,
    AsciiHyphenated,
    Hyphenated,
    NumHyphenated,
    AsciiPart,
    Part,
    NumPart,
    Email,
    Url,
    Host,
    UrlPath,
    File,
    Scientific,
    Version,
    Decimal,
    SignedInt,
    UnsignedInt,
    Tag,
    Entity,
    Protocol,
}

/// <summary>A token of a text: where it stands and what kind it is.</summary>
internal readonly record struct Token(TokenKind Kind, int Start, int Length);

/// <summary>
/// The tokens of a text as PostgreSQL 15's default parser (<c>ts_parse('default', …)</c>) cuts it, so that words,
/// numbers, hyphenated words and their parts, hosts, e-mail addresses, URLs, file names, XML tags and entities
/// start and end where PostgreSQL's do. Written from its documented and observed behaviour (checked token by
/// token against <c>ts_debug</c>), not from its source. Spaces and punctuation are not returned. Character
/// classes follow glibc's in a UTF-8 locale: letters (with letter numbers and non-ASCII digits), ASCII digits,
/// and combining marks, which continue a word but never start one.
/// </summary>
internal sealed partial class TextParser
{
    private readonly string _text;
    private bool _insideScript;
    private bool _wantHost;

    private TextParser(string text) => _text = text;

    public static List<Token> Tokens(string text)
    {
        var parser = new TextParser(text);
        var tokens = new List<Token>();
        for (var i = 0; i < text.Length;)
        {
            i = parser.Next(i, tokens);
        }
        return tokens;
    }

    /// <summary>Reads what starts at <paramref name="i"/> (a token, or a run of spaces) and returns where the next thing starts.</summary>
    private int Next(int i, List<Token> tokens)
    {
        var hit = Base(i);
        if (hit is null)
        {
            return SkipSpace(i);
        }
        var (kind, end) = hit.Value;
        if (kind is TokenKind.SignedInt && end < 0)
        {
            // A signed decimal followed by ".digit" is a version: its sign is dropped and the rest read again.
            return -end;
        }
        tokens.Add(new Token(kind, i, end - i));
        switch (kind)
        {
            case TokenKind.AsciiHyphenated or TokenKind.Hyphenated or TokenKind.NumHyphenated:
                return Parts(i, tokens);
            case TokenKind.Url:
                // PostgreSQL reads a URL again as its host and its path, each a token of its own.
                _wantHost = true;
                var host = Base(i);
                _wantHost = false;
                if (host is { Kind: TokenKind.Host } h && h.End < end)
                {
                    tokens.Add(new Token(TokenKind.Host, i, h.End - i));
                    tokens.Add(new Token(TokenKind.UrlPath, h.End, end - h.End));
                }
                return end;
            default:
                return end;
        }
    }

    private int SkipSpace(int i)
    {
        i = Step(i);
        while (i < _text.Length && (_insideScript ? _text[i] != '<' : !IsAlnum(i) && _text[i] is not ('<' or '-' or '+' or '&' or '/')))
        {
            i = Step(i);
        }
        return i;
    }

    private (TokenKind Kind, int End)? Base(int i)
    {
        var c = _text[i];
        if (c == '<' && TagFirst(Step(i), i) is { } tag)
        {
            return tag;
        }
        if (_insideScript)
        {
            return null;
        }
        if (IsAsciiLetter(i))
        {
            return AsciiWord(Step(i), i);
        }
        if (IsAlpha(i))
        {
            return Word(Step(i), i);
        }
        if (IsDigit(i))
        {
            return UnsignedInt(Step(i), i);
        }
        return c switch
        {
            '-' or '+' when Is(Step(i), IsDigit) => SignedInt(Step(Step(i)), i),
            '&' => EntityFirst(Step(i)),
            '~' => FileTwiddle(Step(i)),
            '/' => FileFirst(Step(i)),
            '.' => PathFirstFirst(Step(i)),
            _ => null,
        };
    }

    // Words. A state method gets the index of the next character to look at and the token's start where it needs it;
    // it returns the token's kind and end, or null where PostgreSQL backs off to the state it tried this one from.

    private (TokenKind, int)? AsciiWord(int i, int start)
    {
        while (true)
        {
            if (i >= _text.Length)
            {
                return (TokenKind.AsciiWord, i);
            }
            if (IsAsciiLetter(i))
            {
                i = Step(i);
                continue;
            }
            var next = Step(i);
            var tried = _text[i] switch
            {
                '.' => HostFirstDomain(next) ?? FileNext(next),
                '-' => HostFirstAlnum(next) ?? HyphenAsciiWordFirst(next, start),
                '_' => HostFirstAlnum(next),
                '@' => Email(next),
                ':' => ProtocolFirst(next),
                '/' => FileFirst(next),
                _ when IsDigit(i) => Host(next),
                _ => null,
            };
            if (tried is not null)
            {
                return tried;
            }
            if (IsDigit(i))
            {
                return NumWord(next, start);
            }
            if (IsAlpha(i) || IsSpecial(i))
            {
                return Word(next, start);
            }
            return (TokenKind.AsciiWord, i);
        }
    }

    private (TokenKind, int)? Word(int i, int start)
    {
        while (i < _text.Length && (IsAlpha(i) || IsSpecial(i)))
        {
            i = Step(i);
        }
        if (i < _text.Length && IsDigit(i))
        {
            return NumWord(Step(i), start);
        }
        if (i < _text.Length && _text[i] == '-' && HyphenWordFirst(Step(i), start) is { } hyphenated)
        {
            return hyphenated;
        }
        return (TokenKind.Word, i);
    }

    private (TokenKind, int)? NumWord(int i, int start)
    {
        while (i < _text.Length && (IsAlnum(i) || IsSpecial(i)))
        {
            i = Step(i);
        }
        if (i >= _text.Length)
        {
            return (TokenKind.NumWord, i);
        }
        var next = Step(i);
        var tried = _text[i] switch
        {
            '@' => Email(next),
            '/' => FileFirst(next),
            '.' => FileNext(next),
            '-' => HyphenNumWordFirst(next, start),
            _ => null,
        };
        return tried ?? (TokenKind.NumWord, i);
    }

    // Hyphenated words: the whole first, then (in Parts) each part; a part of digits alone ends the word.

    private (TokenKind, int)? HyphenAsciiWordFirst(int i, int start)
    {
        if (Is(i, IsAsciiLetter))
        {
            return HyphenAsciiWord(Step(i), start);
        }
        if (Is(i, IsAlpha))
        {
            return HyphenWord(Step(i), start);
        }
        return Is(i, IsDigit) ? HyphenDigits(Step(i), start) : null;
    }

    private (TokenKind, int)? HyphenAsciiWord(int i, int start)
    {
        while (Is(i, IsAsciiLetter))
        {
            i = Step(i);
        }
        if (Is(i, IsAlpha) || Is(i, IsSpecial))
        {
            return HyphenWord(Step(i), start);
        }
        if (Is(i, IsDigit))
        {
            return HyphenNumWord(Step(i), start);
        }
        if (Is(i, '-') && HyphenAsciiWordFirst(Step(i), start) is { } longer)
        {
            return longer;
        }
        return (TokenKind.AsciiHyphenated, i);
    }

    private (TokenKind, int)? HyphenWordFirst(int i, int start)
    {
        if (Is(i, IsAlpha))
        {
            return HyphenWord(Step(i), start);
        }
        return Is(i, IsDigit) ? HyphenDigits(Step(i), start) : null;
    }

    private (TokenKind, int)? HyphenWord(int i, int start)
    {
        while (Is(i, IsAlpha) || Is(i, IsSpecial))
        {
            i = Step(i);
        }
        if (Is(i, IsDigit))
        {
            return HyphenNumWord(Step(i), start);
        }
        if (Is(i, '-') && HyphenWordFirst(Step(i), start) is { } longer)
        {
            return longer;
        }
        return (TokenKind.Hyphenated, i);
    }

    private (TokenKind, int)? HyphenNumWordFirst(int i, int start)
    {
        if (Is(i, IsAlpha))
        {
            return HyphenNumWord(Step(i), start);
        }
        return Is(i, IsDigit) ? HyphenDigits(Step(i), start) : null;
    }

    private (TokenKind, int)? HyphenNumWord(int i, int start)
    {
        while (Is(i, IsAlnum) || Is(i, IsSpecial))
        {
            i = Step(i);
        }
        if (Is(i, '-') && HyphenNumWordFirst(Step(i), start) is { } longer)
        {
            return longer;
        }
        return (TokenKind.NumHyphenated, i);
    }

    /// <summary>After a hyphen, digits count as a part only when a letter follows them (Ту-154М, not COVID-19).</summary>
    private (TokenKind, int)? HyphenDigits(int i, int start)
    {
        while (Is(i, IsDigit))
        {
            i = Step(i);
        }
        return Is(i, IsAlpha) || Is(i, IsSpecial) ? HyphenNumWord(Step(i), start) : null;
    }

    /// <summary>The parts of the hyphenated word starting at <paramref name="i"/>; returns where reading goes on.</summary>
    private int Parts(int i, List<Token> tokens)
    {
        while (i < _text.Length)
        {
            if (IsAlpha(i))
            {
                var start = i;
                var kind = IsAsciiLetter(i) ? TokenKind.AsciiPart : TokenKind.Part;
                i = Step(i);
                while (i < _text.Length && (IsAlpha(i) || IsSpecial(i)))
                {
                    kind = kind == TokenKind.AsciiPart && !IsAsciiLetter(i) ? TokenKind.Part : kind;
                    i = Step(i);
                }
                if (i < _text.Length && IsDigit(i))
                {
                    kind = TokenKind.NumPart;
                    i = SkipAlnum(i);
                }
                tokens.Add(new Token(kind, start, i - start));
            }
            else if (IsDigit(i))
            {
                var digitsEnd = i;
                while (Is(digitsEnd, IsDigit))
                {
                    digitsEnd = Step(digitsEnd);
                }
                if (!Is(digitsEnd, IsAlpha) && !Is(digitsEnd, IsSpecial))
                {
                    return i;
                }
                var end = SkipAlnum(digitsEnd);
                tokens.Add(new Token(TokenKind.NumPart, i, end - i));
                i = end;
            }
            else if (_text[i] == '-' && (Is(Step(i), IsAlnum) || Is(Step(i), IsSpecial)))
            {
                i = Step(i);
            }
            else
            {
                return i;
            }
        }
        return i;
    }

    private int SkipAlnum(int i)
    {
        while (Is(i, IsAlnum) || Is(i, IsSpecial))
        {
            i = Step(i);
        }
        return i;
    }

    // Characters, as glibc classifies them in a UTF-8 locale.

    private int Step(int i) => i + 1 < _text.Length && char.IsSurrogatePair(_text[i], _text[i + 1]) ? i + 2 : i + 1;

    private bool Is(int i, char c) => i < _text.Length && _text[i] == c;

    private bool Is(int i, Func<int, bool> test) => i < _text.Length && test(i);

    private bool IsAsciiLetter(int i) => char.IsAsciiLetter(_text[i]);

    private bool IsDigit(int i) => char.IsAsciiDigit(_text[i]);

    private bool IsAlnum(int i) => IsDigit(i) || IsAlpha(i);

    private bool IsAlpha(int i) => Category(i) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber => true,
        UnicodeCategory.DecimalDigitNumber => !char.IsAscii(_text[i]),
        _ => false,
    };

    /// <summary>A combining mark: not a letter, but it does not end a word (й written as и and a breve).</summary>
    private bool IsSpecial(int i) =>
        Category(i) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private bool IsUrlChar(int i) => _text[i] is > ' ' and < '\x7f' and not ('"' or '<' or '>' or '\\' or '^' or '`' or '{' or '|' or '}');

    private UnicodeCategory Category(int i) =>
        Rune.TryGetRuneAt(_text, i, out var rune) ? Rune.GetUnicodeCategory(rune) : UnicodeCategory.Surrogate;
}
