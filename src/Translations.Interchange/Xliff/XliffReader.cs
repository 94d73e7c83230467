using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using static Translations.Interchange.Xliff.XliffNames;

namespace Translations.Interchange.Xliff;

/// <summary>
/// Reads an XLIFF 2.0 document that <see cref="XliffWriter"/> wrote and a CAT tool may have edited since:
/// attributes in any order, added notes, <c>state</c>/<c>subState</c> (read but never deciding anything),
/// <c>originalData</c>, other namespaces' elements and attributes, re-indentation, CRLF and a byte-order mark are
/// all tolerated. In a text, a <c>&lt;ph&gt;</c> is a line break when its <c>subType</c> is <c>xlf:lb</c> or its
/// <c>equiv</c> or <c>disp</c> is a line end (what the writer writes is both); any other placeholder stands for its
/// <c>equiv</c> text (nothing without one). Text inside <c>&lt;pc&gt;</c> and <c>&lt;mrk&gt;</c> is kept,
/// <c>&lt;cp&gt;</c> is its character, <c>&lt;sc&gt;</c>/<c>&lt;ec&gt;</c>/<c>&lt;sm&gt;</c>/<c>&lt;em&gt;</c> are
/// dropped. Under <c>xml:space="preserve"</c> (as written) a text is taken exactly, literal line ends included;
/// where a tool dropped it, every run of whitespace is one space, trimmed at the ends and around line breaks.
/// The whole document is checked before anything is returned: what is not such a document is an
/// <see cref="XliffFormatException"/> naming the line and what was expected there.
/// </summary>
public static partial class XliffReader
{
    private static readonly string[] Versions = ["2.0", "2.1"];

    public static async Task<XliffDocument> ReadAsync(Stream file, CancellationToken cancellationToken = default)
    {
        using var reader = XmlReader.Create(file, Settings(async: true));
        try
        {
            return Read(await XDocument.LoadAsync(reader, Options, cancellationToken));
        }
        catch (XmlException malformed)
        {
            throw NotXml(malformed);
        }
    }

    public static XliffDocument Read(string text)
    {
        using var reader = XmlReader.Create(new StringReader(text), Settings(async: false));
        try
        {
            return Read(XDocument.Load(reader, Options));
        }
        catch (XmlException malformed)
        {
            throw NotXml(malformed);
        }
    }

    private const LoadOptions Options = LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace;

    private static XmlReaderSettings Settings(bool async) => new() { Async = async, DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    private static XliffFormatException NotXml(XmlException malformed) => new(Math.Max(1, malformed.LineNumber),
        $"the file is not well-formed XML ({FirstSentence(malformed.Message)}); expected an XLIFF 2.0 document written by `translations export xliff`");

    public static XliffDocument Read(XDocument xml)
    {
        var root = xml.Root!;
        if (root.Name != Core + "xliff")
        {
            throw new XliffFormatException(Line(root), root.Name.LocalName == "xliff"
                ? $"the <xliff> element is in the namespace \"{root.Name.NamespaceName}\"; expected {Core.NamespaceName} (XLIFF 2.0)"
                : $"the document is a <{root.Name.LocalName}>; expected an XLIFF 2.0 <xliff> element in the namespace {Core.NamespaceName}");
        }
        var version = (string?)root.Attribute("version");
        if (!Versions.Contains(version))
        {
            throw new XliffFormatException(Line(root), $"the <xliff> element has version \"{version}\"; expected version=\"2.0\"");
        }
        var source = Required(root, "srcLang", "the source language");
        var target = Required(root, "trgLang", "the target language the file was exported for");
        var files = root.Elements(Core + "file").ToList();
        if (files.Count == 0)
        {
            throw new XliffFormatException(Line(root), "the document holds no <file>; expected one <file> per release");
        }
        var releases = new List<XliffRelease>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var release = ReadFile(file);
            if (!seen.TryAdd(release.ReleaseId, release.Line))
            {
                throw new XliffFormatException(release.Line, $"release {release.ReleaseId} is in the file twice (first at line {seen[release.ReleaseId]}); expected each release once");
            }
            releases.Add(release);
        }
        return new XliffDocument(source, target, releases);
    }

    private static XliffRelease ReadFile(XElement file)
    {
        var releaseId = Required(file, ReleaseAttribute, "the release id");
        var sourceRevision = Revision(file, SourceRevisionAttribute, minimum: 1);
        var targetRevision = Revision(file, TargetRevisionAttribute, minimum: 0);
        var units = file.Descendants(Core + "unit").GroupBy(u => (string?)u.Attribute("id") ?? "").ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var title = units.GetValueOrDefault(TitleUnit) ?? throw Missing(file, TitleUnit);
        var body = units.GetValueOrDefault(BodyUnit) ?? throw Missing(file, BodyUnit);
        var paragraphs = body.Attribute(ParagraphsAttribute) is { } written && int.TryParse(written.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : throw new XliffFormatException(Line(body), $"the body unit of release {releaseId} has no valid {Prefixed(ParagraphsAttribute)}; expected the number of paragraphs it was exported with");
        var date = (string?)file.Attribute(ReleaseDateAttribute) is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed
            : (DateOnly?)null;
        return new XliffRelease(releaseId, sourceRevision, targetRevision, Unit(title), units.GetValueOrDefault(LeadUnit) is { } lead ? Unit(lead) : null, Unit(body))
        {
            ReleaseDate = date,
            Paragraphs = paragraphs,
            Line = Line(file),
            Notes = [.. file.Elements(Core + "notes").Elements(Core + "note").Select(n => n.Value)],
        };
    }

    private static XliffUnit Unit(XElement unit) => new([.. unit.Elements(Core + "segment").Select(segment => new XliffSegment(
        segment.Element(Core + "source") is { } source ? Text(source) : "",
        segment.Element(Core + "target") is { } target ? Text(target) : null) { Line = Line(segment) })])
    {
        Line = Line(unit),
    };

    /// <summary>The text of a source or target, its line breaks as <c>\n</c>.</summary>
    public static string Text(XElement content)
    {
        var preserve = content.AncestorsAndSelf().Select(e => (string?)e.Attribute(XNamespace.Xml + "space")).FirstOrDefault(s => s is not null) == "preserve";
        var text = new StringBuilder();
        Append(content, text, preserve);
        var result = text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return preserve ? result : SpacesAroundLineBreaks().Replace(result, "\n").Trim(' ');
    }

    private static void Append(XElement element, StringBuilder text, bool preserve)
    {
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText piece:
                    text.Append(preserve ? piece.Value : Whitespace().Replace(piece.Value, " "));
                    break;
                case XElement { Name.LocalName: "ph" } placeholder when placeholder.Name.Namespace == Core:
                    text.Append(IsLineBreak(placeholder) ? "\n" : (string?)placeholder.Attribute("equiv") ?? "");
                    break;
                case XElement { Name.LocalName: "cp" } codePoint when codePoint.Name.Namespace == Core:
                    text.Append(int.TryParse((string?)codePoint.Attribute("hex"), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) && hex is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF)
                        ? char.ConvertFromUtf32(hex)
                        : "");
                    break;
                case XElement { Name.LocalName: "pc" or "mrk" } span when span.Name.Namespace == Core:
                    Append(span, text, preserve);
                    break;
            }
        }
    }

    private static bool IsLineBreak(XElement placeholder) =>
        (string?)placeholder.Attribute("subType") == LineBreakSubType
        || IsLineEnd((string?)placeholder.Attribute("equiv"))
        || IsLineEnd((string?)placeholder.Attribute("disp"));

    private static bool IsLineEnd(string? text) => text is "\n" or "\r\n" or "\r" or "\u2028";

    private static string Required(XElement element, XName attribute, string what) =>
        (string?)element.Attribute(attribute) is { Length: > 0 } value
            ? value
            : throw new XliffFormatException(Line(element),
                $"the <{element.Name.LocalName}> element has no {Prefixed(attribute)} attribute; expected {what}"
                + (attribute.Namespace == Own ? " (the tr: attributes `translations export xliff` writes: tr:release, tr:sourceRevision, tr:targetRevision)" : ""));

    private static long Revision(XElement file, XName attribute, long minimum)
    {
        var text = Required(file, attribute, "a revision");
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var revision) && revision >= minimum
            ? revision
            : throw new XliffFormatException(Line(file), $"{Prefixed(attribute)}=\"{text}\" is not a revision; expected a whole number from {minimum}");
    }

    private static XliffFormatException Missing(XElement file, string unit) =>
        new(Line(file), $"release {(string?)file.Attribute(ReleaseAttribute)} has no <unit id=\"{unit}\">; expected the units title, lead (when the original has one) and body");

    private static string Prefixed(XName name) => name.Namespace == Own ? $"{TranslationsPrefix}:{name.LocalName}" : name.LocalName;

    private static int Line(XObject node) => node is IXmlLineInfo { LineNumber: > 0 } info ? info.LineNumber : 1;

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }

    [GeneratedRegex(@"[ \t\r\n]+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@" *\n *")]
    private static partial Regex SpacesAroundLineBreaks();
}
