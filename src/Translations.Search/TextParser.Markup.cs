namespace Translations.Search;

/// <summary>XML tags (with the text of script and style elements) and entities: read, but never words.</summary>
internal sealed partial class TextParser
{
    // XML: tags (and the text of script and style elements) and entities are not words.

    private (TokenKind, int)? EntityFirst(int i)
    {
        if (Is(i, '#'))
        {
            i = Step(i);
            var hex = Is(i, 'x') || Is(i, 'X');
            if (hex)
            {
                i = Step(i);
            }
            Func<int, bool> digit = hex ? j => char.IsAsciiHexDigit(_text[j]) : IsDigit;
            if (!Is(i, digit))
            {
                return null;
            }
            while (Is(i, digit))
            {
                i = Step(i);
            }
            return Is(i, ';') ? (TokenKind.Entity, Step(i)) : null;
        }
        if (!(Is(i, IsAsciiLetter) || Is(i, ':') || Is(i, '_')))
        {
            return null;
        }
        i = Step(i);
        while (Is(i, IsAlnum) || (i < _text.Length && _text[i] is ':' or '_' or '.' or '-'))
        {
            i = Step(i);
        }
        return Is(i, ';') ? (TokenKind.Entity, Step(i)) : null;
    }

    private (TokenKind, int)? TagFirst(int i, int start)
    {
        if (i >= _text.Length)
        {
            return null;
        }
        var next = Step(i);
        return _text[i] switch
        {
            '/' => Is(next, IsAsciiLetter) ? TagName(Step(next), start) : null,
            '!' when Is(next, '-') => Is(Step(next), '-') ? Comment(Step(Step(next))) : null,
            '!' when Is(next, 'D') || Is(next, 'd') => Tag(Step(next), start),
            '?' => Is(next, 'x') ? Tag(Step(next), start) : null,
            ':' or '_' => TagName(next, start),
            _ when IsAsciiLetter(i) => TagName(next, start),
            _ => null,
        };
    }

    private (TokenKind, int)? TagName(int i, int start)
    {
        while (Is(i, IsAlnum) || (i < _text.Length && _text[i] is ':' or '_' or '.' or '-'))
        {
            i = Step(i);
        }
        if (i >= _text.Length)
        {
            return null;
        }
        if (_text[i] == '/')
        {
            return Is(Step(i), '>') ? (TokenKind.Tag, Step(Step(i))) : null;
        }
        if (_text[i] == '>' || char.IsWhiteSpace(_text[i]))
        {
            Script(start, i);
            return _text[i] == '>' ? (TokenKind.Tag, Step(i)) : Tag(Step(i), start);
        }
        return null;
    }

    private (TokenKind, int)? Tag(int i, int start)
    {
        while (i < _text.Length)
        {
            var c = _text[i];
            if (c == '>')
            {
                Script(start, i);
                return (TokenKind.Tag, Step(i));
            }
            if (c is '\'' or '"')
            {
                i = Step(i);
                while (i < _text.Length && _text[i] != c)
                {
                    i = _text[i] == '\\' && i + 1 < _text.Length ? Step(Step(i)) : Step(i);
                }
                if (i >= _text.Length)
                {
                    return null;
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                Script(start, i);
            }
            else if (!(IsAsciiLetter(i) || IsDigit(i) || c is '=' or '-' or '_' or '#' or '/' or ':' or '.' or '&' or '?' or '%' or '~'))
            {
                return null;
            }
            i = Step(i);
        }
        return null;
    }

    private (TokenKind, int)? Comment(int i)
    {
        var end = _text.IndexOf("-->", i, StringComparison.Ordinal);
        return end < 0 ? null : (TokenKind.Tag, end + 3);
    }

    /// <summary>The text of script and style elements is not read, as in PostgreSQL.</summary>
    private void Script(int start, int end)
    {
        var name = _text.AsSpan(start, end - start);
        if (name.Equals("<script", StringComparison.OrdinalIgnoreCase) || name.Equals("<style", StringComparison.OrdinalIgnoreCase))
        {
            _insideScript = true;
        }
        else if (name.Equals("</script", StringComparison.OrdinalIgnoreCase) || name.Equals("</style", StringComparison.OrdinalIgnoreCase))
        {
            _insideScript = false;
        }
    }
}
