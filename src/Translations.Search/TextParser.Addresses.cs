namespace Translations.Search;

/// <summary>Hosts, e-mail addresses, URLs, file names and paths: each one token, as PostgreSQL reads them.</summary>
internal sealed partial class TextParser
{
    // Hosts, e-mail addresses, URLs.

    /// <summary>After a dot: a domain of two ASCII letters or more, or digits going on as a host name.</summary>
    private (TokenKind, int)? HostFirstDomain(int i)
    {
        if (Is(i, IsAsciiLetter))
        {
            i = Step(i);
            if (Is(i, IsAsciiLetter))
            {
                return HostDomain(Step(i));
            }
            if (i >= _text.Length)
            {
                return null;
            }
            var next = Step(i);
            return _text[i] switch
            {
                _ when IsDigit(i) => Host(next),
                '-' or '_' => HostFirstAlnum(next),
                '.' => HostFirstDomain(next),
                '@' => Email(next),
                _ => null,
            };
        }
        return Is(i, IsDigit) ? Host(Step(i)) : null;
    }

    private (TokenKind, int)? HostDomain(int i)
    {
        while (Is(i, IsAsciiLetter))
        {
            i = Step(i);
        }
        if (i >= _text.Length)
        {
            return (TokenKind.Host, i);
        }
        var next = Step(i);
        var tried = _text[i] switch
        {
            _ when IsDigit(i) => Host(next),
            ':' => PortFirst(next),
            '-' or '_' => HostFirstAlnum(next),
            '.' => HostFirstDomain(next),
            '@' => Email(next),
            _ => null,
        };
        if (tried is not null)
        {
            return tried;
        }
        if (IsDigit(i))
        {
            return null;
        }
        return HostEnd(i);
    }

    /// <summary>The end of a host: a URL when a path follows it.</summary>
    private (TokenKind, int)? HostEnd(int i)
    {
        if (_wantHost)
        {
            _wantHost = false;
            return (TokenKind.Host, i);
        }
        if (Is(i, '/') && UrlPath(Step(i)) is { } pathEnd)
        {
            return (TokenKind.Url, pathEnd);
        }
        return (TokenKind.Host, i);
    }

    private (TokenKind, int)? PortFirst(int i)
    {
        if (!Is(i, IsDigit))
        {
            return null;
        }
        while (Is(i, IsDigit))
        {
            i = Step(i);
        }
        return i >= _text.Length ? (TokenKind.Host, i) : HostEnd(i);
    }

    private (TokenKind, int)? HostFirstAlnum(int i) => Is(i, IsDigit) || Is(i, IsAsciiLetter) ? Host(Step(i)) : null;

    /// <summary>Inside a host name: it must reach a dot and a domain to be one.</summary>
    private (TokenKind, int)? Host(int i)
    {
        while (Is(i, IsDigit) || Is(i, IsAsciiLetter))
        {
            i = Step(i);
        }
        if (i >= _text.Length)
        {
            return null;
        }
        var next = Step(i);
        return _text[i] switch
        {
            '@' => Email(next),
            '.' => HostFirstDomain(next),
            '-' or '_' => HostFirstAlnum(next),
            _ => null,
        };
    }

    private (TokenKind, int)? Email(int i)
    {
        if (_wantHost || i >= _text.Length)
        {
            return null;
        }
        // PostgreSQL reads the host with a parser of its own: outside any script, and leaving the reader's state as it was.
        var insideScript = _insideScript;
        (_wantHost, _insideScript) = (true, false);
        var host = Base(i);
        (_wantHost, _insideScript) = (false, insideScript);
        return host is { Kind: TokenKind.Host } h ? (TokenKind.Email, h.End) : null;
    }

    private int? UrlPath(int i)
    {
        if (!Is(i, IsUrlChar))
        {
            return null;
        }
        while (Is(i, IsUrlChar))
        {
            i = Step(i);
        }
        return i;
    }

    private (TokenKind, int)? ProtocolFirst(int i) => Is(i, '/') && Is(Step(i), '/') ? (TokenKind.Protocol, Step(Step(i))) : null;

    // File names and paths.

    private (TokenKind, int)? FileFirst(int i)
    {
        if (Is(i, IsAsciiLetter) || Is(i, IsDigit) || Is(i, '_'))
        {
            return File(Step(i));
        }
        if (Is(i, '.'))
        {
            return PathFirst(Step(i));
        }
        return Is(i, '~') ? FileTwiddle(Step(i)) : null;
    }

    private (TokenKind, int)? FileTwiddle(int i)
    {
        if (Is(i, IsAsciiLetter) || Is(i, IsDigit) || Is(i, '_'))
        {
            return File(Step(i));
        }
        return Is(i, '/') ? FileFirst(Step(i)) : null;
    }

    private (TokenKind, int)? PathFirst(int i)
    {
        if (Is(i, IsAsciiLetter) || Is(i, IsDigit) || Is(i, '_'))
        {
            return File(Step(i));
        }
        if (Is(i, '.'))
        {
            return PathSecond(Step(i));
        }
        return Is(i, '/') ? FileFirst(Step(i)) : null;
    }

    private (TokenKind, int)? PathFirstFirst(int i)
    {
        if (Is(i, '.'))
        {
            return PathSecond(Step(i));
        }
        return Is(i, '/') ? FileFirst(Step(i)) : null;
    }

    private (TokenKind, int)? PathSecond(int i)
    {
        if (i >= _text.Length)
        {
            return (TokenKind.File, i);
        }
        if (_text[i] == '/')
        {
            return FileFirst(Step(i)) ?? (TokenKind.File, i);
        }
        return char.IsWhiteSpace(_text[i]) ? (TokenKind.File, i) : null;
    }

    private (TokenKind, int)? File(int i)
    {
        while (true)
        {
            while (Is(i, IsAsciiLetter) || Is(i, IsDigit) || Is(i, '_') || Is(i, '-'))
            {
                i = Step(i);
            }
            if (i >= _text.Length)
            {
                return (TokenKind.File, i);
            }
            var tried = _text[i] switch
            {
                '.' => FileNext(Step(i)),
                '/' => FileFirst(Step(i)),
                _ => null,
            };
            return tried ?? (TokenKind.File, i);
        }
    }

    private (TokenKind, int)? FileNext(int i) => Is(i, IsAsciiLetter) || Is(i, IsDigit) || Is(i, '_') ? File(Step(i)) : null;
}
