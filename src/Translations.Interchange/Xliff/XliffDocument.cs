namespace Translations.Interchange.Xliff;

/// <summary>
/// An XLIFF 2.0 document of releases to translate from <see cref="SourceLanguage"/> into
/// <see cref="TargetLanguage"/>: one <c>&lt;file&gt;</c> per release.
/// </summary>
public sealed record XliffDocument(string SourceLanguage, string TargetLanguage, IReadOnlyList<XliffRelease> Releases);

/// <summary>
/// One release in an XLIFF document: its texts as units (<c>title</c>, <c>lead</c> when the source has one,
/// <c>body</c> with a segment per paragraph) and what makes the file come back to the same variant: the release
/// id, the source revision translated and the target variant's revision at export (0: there was none).
/// </summary>
public sealed record XliffRelease(string ReleaseId, long SourceRevision, long TargetRevision, XliffUnit Title, XliffUnit? Lead, XliffUnit Body)
{
    /// <summary>The release date, for people and reports; not needed to import.</summary>
    public DateOnly? ReleaseDate { get; init; }

    /// <summary>The state of the segments that carry a target (a segment without one is always initial).</summary>
    public XliffState State { get; init; } = XliffState.Initial;

    /// <summary>A finer state in the form <c>prefix:value</c> (<c>tr:rejected</c>, <c>tr:outdated</c>), or null.</summary>
    public string? SubState { get; init; }

    /// <summary>Notes for the translator (a reviewer's comment, what changed in the source).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The number of body paragraphs written; a body that comes back with another number of segments cannot be reassembled.</summary>
    public int Paragraphs { get; init; }

    /// <summary>The line of the <c>&lt;file&gt;</c> element, when read from a document.</summary>
    public int Line { get; init; }

    /// <summary>
    /// The release to translate: the source's title, lead and body, and the current translation when there is
    /// one. The body is cut into paragraphs (<see cref="BodyText.Paragraphs"/>); the translation's paragraphs
    /// become the targets only when there are as many as in the source, since guessing which goes with which
    /// would put text under the wrong original.
    /// </summary>
    public static XliffRelease Create(string releaseId, long sourceRevision, long targetRevision, XliffTexts source, XliffTexts? translation)
    {
        var paragraphs = BodyText.Paragraphs(source.Body);
        var translated = translation is null ? null : BodyText.Paragraphs(translation.Body);
        var aligned = translated is not null && translated.Count == paragraphs.Count;
        return new XliffRelease(
            releaseId, sourceRevision, targetRevision,
            new XliffUnit([new XliffSegment(source.Title, translation?.Title)]),
            source.Lead.Length == 0 ? null : new XliffUnit([new XliffSegment(source.Lead, translation?.Lead is { Length: > 0 } lead ? lead : null)]),
            new XliffUnit([.. paragraphs.Select((p, i) => new XliffSegment(p, aligned ? translated![i] : null))]))
        {
            Paragraphs = paragraphs.Count,
        };
    }

    /// <summary>
    /// The translation this release carries: every segment of every unit has a non-empty target. Otherwise null,
    /// with what is missing in <paramref name="missing"/> ("title", "lead", "body paragraphs 2, 5").
    /// </summary>
    public XliffTexts? Translation(out IReadOnlyList<string> missing)
    {
        var gaps = new List<string>();
        if (!Title.IsTranslated)
        {
            gaps.Add("title");
        }
        if (Lead is { IsTranslated: false })
        {
            gaps.Add("lead");
        }
        var untranslated = Body.Segments.Select((s, i) => (s, i)).Where(x => string.IsNullOrWhiteSpace(x.s.Target)).Select(x => x.i + 1).ToList();
        if (untranslated.Count > 0)
        {
            gaps.Add(untranslated.Count == Body.Segments.Count && Body.Segments.Count > 1
                ? "body"
                : $"body paragraph{(untranslated.Count == 1 ? "" : "s")} {string.Join(", ", untranslated)}");
        }
        missing = gaps;
        return gaps.Count > 0
            ? null
            : new XliffTexts(Title.Target!, Lead?.Target ?? "", BodyText.Join(Body.Segments.Select(s => s.Target!)));
    }

    /// <summary>No segment has a target: the translator did not touch this release.</summary>
    public bool IsUntranslated =>
        new[] { Title, Lead, Body }.OfType<XliffUnit>().SelectMany(u => u.Segments).All(s => string.IsNullOrWhiteSpace(s.Target));
}

/// <summary>A variant's texts: title, lead (empty when none) and body.</summary>
public sealed record XliffTexts(string Title, string Lead, string Body);

/// <summary>One field of a release: its segments in order, and the line of its <c>&lt;unit&gt;</c> when read.</summary>
public sealed record XliffUnit(IReadOnlyList<XliffSegment> Segments)
{
    public int Line { get; init; }

    public bool IsTranslated => Segments.All(s => !string.IsNullOrWhiteSpace(s.Target));

    /// <summary>The targets of every segment joined, or null when one is missing (a title or lead a CAT tool split into sentences).</summary>
    public string? Target => IsTranslated ? string.Concat(Segments.Select(s => s.Target)) : null;
}

/// <summary>A source text and its translation (null when there is none); line breaks are <c>\n</c>.</summary>
public sealed record XliffSegment(string Source, string? Target)
{
    public int Line { get; init; }
}

/// <summary>XLIFF 2.0's segment states.</summary>
public enum XliffState
{
    Initial,
    Translated,
    Reviewed,
    Final,
}
