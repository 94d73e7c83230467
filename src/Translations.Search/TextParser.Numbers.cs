namespace Translations.Search;

/// <summary>Numbers: integers (signed when a sign touches them), decimals, versions and dates (12.05.2026), 1e5.</summary>
internal sealed partial class TextParser
{
    // Numbers.

    private (TokenKind, int)? UnsignedInt(int i, int start)
    {
        while (Is(i, IsDigit))
        {
            i = Step(i);
        }
        if (i >= _text.Length)
        {
            return (TokenKind.UnsignedInt, i);
        }
        var c = _text[i];
        var next = Step(i);
        var tried = c switch
        {
            '.' => HostFirstDomain(next) ?? DecimalFirst(next, TokenKind.Decimal, start),
            'e' or 'E' => MantissaFirst(next),
            '-' or '_' => HostFirstAlnum(next),
            '@' => Email(next),
            _ => null,
        };
        if (tried is not null)
        {
            return tried;
        }
        if (IsAsciiLetter(i) && Host(next) is { } host)
        {
            return host;
        }
        if (IsAlpha(i) || IsSpecial(i))
        {
            return NumWord(next, start);
        }
        return c == '/' && FileFirst(next) is { } file ? file : (TokenKind.UnsignedInt, i);
    }

    /// <summary>A signed number; an end below zero is the negated start of a version whose sign PostgreSQL drops.</summary>
    private (TokenKind, int)? SignedInt(int i, int start)
    {
        while (Is(i, IsDigit))
        {
            i = Step(i);
        }
        var tried = i >= _text.Length ? null : _text[i] switch
        {
            '.' => DecimalFirst(Step(i), TokenKind.SignedInt, start),
            'e' or 'E' => MantissaFirst(Step(i)),
            _ => null,
        };
        return tried ?? (TokenKind.SignedInt, i);
    }

    private (TokenKind, int)? DecimalFirst(int i, TokenKind from, int start)
    {
        if (!Is(i, IsDigit))
        {
            return null;
        }
        while (Is(i, IsDigit))
        {
            i = Step(i);
        }
        if (Is(i, '.') && Is(Step(i), IsDigit))
        {
            if (from == TokenKind.SignedInt)
            {
                return (TokenKind.SignedInt, -Step(start));
            }
            return VersionFirst(Step(i));
        }
        if ((Is(i, 'e') || Is(i, 'E')) && MantissaFirst(Step(i)) is { } scientific)
        {
            return scientific;
        }
        return (TokenKind.Decimal, i);
    }

    private (TokenKind, int)? VersionFirst(int i)
    {
        while (true)
        {
            while (Is(i, IsDigit))
            {
                i = Step(i);
            }
            if (!(Is(i, '.') && Is(Step(i), IsDigit)))
            {
                return (TokenKind.Version, i);
            }
            i = Step(i);
        }
    }

    private (TokenKind, int)? MantissaFirst(int i)
    {
        if (Is(i, '+') || Is(i, '-'))
        {
            i = Step(i);
        }
        if (!Is(i, IsDigit))
        {
            return null;
        }
        while (Is(i, IsDigit))
        {
            i = Step(i);
        }
        return (TokenKind.Scientific, i);
    }
}
