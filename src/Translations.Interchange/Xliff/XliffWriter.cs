using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using static Translations.Interchange.Xliff.XliffNames;

namespace Translations.Interchange.Xliff;

/// <summary>
/// Writes an <see cref="XliffDocument"/> as XLIFF 2.0 (UTF-8 without a byte-order mark, indented, LF line ends):
/// a <c>&lt;file&gt;</c> per release (<c>id</c> "r" and the release id, <c>original</c> the release id,
/// <c>canResegment="no"</c> so CAT tools keep a paragraph one segment, and this service's attributes
/// <c>tr:release</c>, <c>tr:sourceRevision</c>, <c>tr:targetRevision</c>, <c>tr:releaseDate</c>); units
/// <c>title</c>, <c>lead</c> (only when the source has one) and <c>body</c> (<c>tr:paragraphs</c>, a segment
/// <c>p1</c>, <c>p2</c>, … per paragraph). Sources and targets are <c>xml:space="preserve"</c>, and a line
/// break inside a text is <c>&lt;ph id="lbN" type="fmt" subType="xlf:lb" equiv="&amp;#10;"/&gt;</c>, which
/// CAT tools show as a tag to place instead of losing it to whitespace normalisation.
/// </summary>
public static class XliffWriter
{
    public static async Task WriteAsync(XliffDocument document, Stream stream, CancellationToken cancellationToken = default)
    {
        await using (var writer = XmlWriter.Create(stream, Settings(async: true)))
        {
            await ToXml(document).SaveAsync(writer, cancellationToken);
        }
        await stream.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }

    public static string Write(XliffDocument document)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Settings(async: false)))
        {
            ToXml(document).Save(writer);
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static XmlWriterSettings Settings(bool async) => new()
    {
        Async = async,
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
    };

    public static XDocument ToXml(XliffDocument document) => new(
        new XDeclaration("1.0", "utf-8", null),
        new XElement(Core + "xliff",
            new XAttribute("version", "2.0"),
            new XAttribute("srcLang", document.SourceLanguage),
            new XAttribute("trgLang", document.TargetLanguage),
            new XAttribute(XNamespace.Xmlns + TranslationsPrefix, Own),
            document.Releases.Select(File)));

    private static XElement File(XliffRelease release) => new(Core + "file",
        new XAttribute("id", FileId(release.ReleaseId)),
        new XAttribute("original", release.ReleaseId),
        new XAttribute("canResegment", "no"),
        new XAttribute(ReleaseAttribute, release.ReleaseId),
        new XAttribute(SourceRevisionAttribute, release.SourceRevision.ToString(CultureInfo.InvariantCulture)),
        new XAttribute(TargetRevisionAttribute, release.TargetRevision.ToString(CultureInfo.InvariantCulture)),
        release.ReleaseDate is { } date ? new XAttribute(ReleaseDateAttribute, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : null,
        release.Notes.Count == 0 ? null : new XElement(Core + "notes", release.Notes.Select(n => new XElement(Core + "note", n))),
        Unit(TitleUnit, release.Title, "s", release),
        release.Lead is { } lead ? Unit(LeadUnit, lead, "s", release) : null,
        Unit(BodyUnit, release.Body, "p", release, new XAttribute(ParagraphsAttribute, release.Body.Segments.Count.ToString(CultureInfo.InvariantCulture))));

    /// <summary>"r" and the release id when it is a name token already (the service's ids are), otherwise its UTF-8 in hex.</summary>
    public static string FileId(string releaseId) =>
        releaseId.Length > 0 && releaseId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? "r" + releaseId
            : "rx" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(releaseId));

    private static XElement Unit(string id, XliffUnit unit, string segmentPrefix, XliffRelease release, params object[] attributes)
    {
        // Inline codes' ids are unique within the unit, apart from segment ids; a target's line breaks reuse
        // the ids of its source's, in order, as CAT tools expect of codes they carried over.
        var codes = 0;
        var segments = new List<XElement>();
        for (var i = 0; i < unit.Segments.Count; i++)
        {
            var segment = unit.Segments[i];
            var sourceIds = new List<string>();
            var source = Text("source", segment.Source, () => { var code = $"lb{++codes}"; sourceIds.Add(code); return code; });
            var reused = 0;
            var target = segment.Target is null ? null
                : Text("target", segment.Target, () => reused < sourceIds.Count ? sourceIds[reused++] : $"lb{++codes}");
            segments.Add(new XElement(Core + "segment",
                new XAttribute("id", $"{segmentPrefix}{i + 1}"),
                target is null ? null : new XAttribute("state", State(release.State)),
                target is null || release.SubState is null ? null : new XAttribute("subState", release.SubState),
                source, target));
        }
        return new XElement(Core + "unit", new XAttribute("id", id), attributes, segments);
    }

    private static XElement Text(string element, string text, Func<string> nextCode)
    {
        var content = new List<object> { new XAttribute(XNamespace.Xml + "space", "preserve") };
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                content.Add(new XElement(Core + "ph",
                    new XAttribute("id", nextCode()), new XAttribute("type", "fmt"), new XAttribute("subType", LineBreakSubType), new XAttribute("equiv", "\n")));
            }
            if (lines[i].Length > 0)
            {
                content.Add(new XText(lines[i]));
            }
        }
        return new XElement(Core + element, content);
    }

    public static string State(XliffState state) => state switch
    {
        XliffState.Translated => "translated",
        XliffState.Reviewed => "reviewed",
        XliffState.Final => "final",
        _ => "initial",
    };
}
