using System.Xml.Linq;
using Translations.Interchange.Xliff;

namespace Translations.Interchange.Tests;

/// <summary>What <see cref="XliffWriter"/> writes: valid XLIFF 2.0 in every shape, laid out as the README promises.</summary>
public sealed class XliffWriterTests
{
    private static readonly XNamespace X = XliffNames.Core;
    private static readonly XNamespace Tr = XliffNames.Own;

    private static readonly XliffTexts Russian = new("Саммит открылся", "Главы делегаций собрались.", "Первый абзац.\n\nВторой абзац,\nс переносом строки.\n\nТретий абзац.");
    private static readonly XliffTexts English = new("Summit opens", "Heads of delegation gathered.", "The first paragraph.\n\nThe second one,\nwith a line break.\n\nThe third paragraph.");

    private static XliffDocument Document(params XliffRelease[] releases) => new("ru", "en", releases);

    /// <summary>Every kind of release an export holds, each alone in a document.</summary>
    public static TheoryData<string> Shapes => new(Releases.Keys);

    private static readonly Dictionary<string, XliffRelease> Releases = new()
    {
        ["missing: no targets"] = XliffRelease.Create("01a226b1de0b7f49bbc9a7374d20ade0", 3, 0, Russian, null) with { ReleaseDate = new DateOnly(2024, 4, 24) },
        ["outdated: targets, translated, tr:outdated"] = XliffRelease.Create("01a226b1de0b7f49bbc9a7374d20ade1", 5, 2, Russian, English)
            with { State = XliffState.Translated, SubState = "tr:outdated", Notes = ["The source changed since this translation (r3 -> r5): body."] },
        ["rejected: initial, tr:rejected, the comment as a note"] = XliffRelease.Create("01a226b1de0b7f49bbc9a7374d20ade2", 3, 2, Russian, English)
            with { State = XliffState.Initial, SubState = "tr:rejected", Notes = ["Rejected by olga: \"A full stop is missing.\""] },
        ["published: final"] = XliffRelease.Create("r-4", 1, 7, Russian, English) with { State = XliffState.Final },
        ["approved: reviewed"] = XliffRelease.Create("5", 1, 3, Russian, English) with { State = XliffState.Reviewed },
        ["empty lead"] = XliffRelease.Create("6", 1, 0, Russian with { Lead = "" }, null),
        ["paragraphs that do not align: no body targets"] = XliffRelease.Create("7", 2, 1, Russian, English with { Body = "Only one paragraph." }) with { State = XliffState.Translated },
        ["escaping: & < > quotes, apostrophes, tabs, spaces"] = XliffRelease.Create("8", 1, 0,
            new XliffTexts("AT&T <b>\"quoted\" 'single'", "a < b && c > d", "Tab\there,  two spaces, ]]> and &amp; literally.\n\n  Leading spaces\nand a line\n\nend"), null),
        ["a release id that is not a name token"] = XliffRelease.Create("id with spaces/ü", 1, 0, Russian, null),
        ["a lead with a blank line, a body of one paragraph"] = XliffRelease.Create("9", 1, 0, new XliffTexts("T", "Lead one.\n\nLead two.", "Body."), new XliffTexts("T", "L1.\n\nL2.", "B.")) with { State = XliffState.Translated },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Each_shape_validates_against_the_XLIFF_2_0_core_schema_with_no_error_and_no_warning(string shape)
    {
        var xml = XliffWriter.Write(Document(Releases[shape]));

        Assert.Empty(XliffSchema.Problems(xml));
    }

    [Fact]
    public void A_document_of_every_shape_together_validates()
    {
        var xml = XliffWriter.Write(Document([.. Releases.Values]));

        Assert.Empty(XliffSchema.Problems(xml));
    }

    [Theory]
    [InlineData("a segment without its source", "<source xml:space=\"preserve\">Первый абзац.</source>", "")]
    [InlineData("an unknown state", "state=\"translated\"", "state=\"done\"")]
    [InlineData("a file without an id", "id=\"r01a226b1de0b7f49bbc9a7374d20ade1\"", "")]
    [InlineData("a core element the schema does not know", "<notes>", "<remarks/><notes>")]
    [InlineData("a second source", "<source xml:space=\"preserve\">Саммит открылся</source>",
        "<source xml:space=\"preserve\">Саммит открылся</source><source>again</source>")]
    [InlineData("a placeholder without an id", "<ph id=\"lb1\" ", "<ph ")]
    [InlineData("a subType that is not prefix:value", "subType=\"xlf:lb\"", "subType=\"lb\"")]
    [InlineData("a revision that is not a number", "tr:sourceRevision=\"5\"", "tr:sourceRevision=\"five\"")]
    [InlineData("an xml:lang that is not a language tag", "<target xml:space=\"preserve\">Summit", "<target xml:lang=\"en GB\" xml:space=\"preserve\">Summit")]
    public void The_schema_refuses_a_broken_document(string broken, string valid, string replacement)
    {
        var xml = XliffWriter.Write(Document(Releases["outdated: targets, translated, tr:outdated"]));
        Assert.Empty(XliffSchema.Problems(xml));
        Assert.Contains(valid, xml);

        var problems = XliffSchema.Problems(ReplaceFirst(xml, valid, replacement));

        Assert.True(problems.Any(p => p.StartsWith("Error", StringComparison.Ordinal)), $"{broken}: no error in {string.Join("; ", problems)}");
    }

    [Fact]
    public void A_release_is_a_file_with_its_id_and_revisions_and_a_unit_per_field_with_a_segment_per_paragraph()
    {
        var release = Releases["outdated: targets, translated, tr:outdated"] with { ReleaseDate = new DateOnly(2024, 4, 24) };

        var xml = XDocument.Parse(XliffWriter.Write(Document(release)));

        var root = xml.Root!;
        Assert.Equal((X + "xliff", "2.0", "ru", "en"), (root.Name, (string?)root.Attribute("version"), (string?)root.Attribute("srcLang"), (string?)root.Attribute("trgLang")));
        var file = Assert.Single(root.Elements(X + "file"));
        Assert.Equal(("r01a226b1de0b7f49bbc9a7374d20ade1", "01a226b1de0b7f49bbc9a7374d20ade1", "no"),
            ((string?)file.Attribute("id"), (string?)file.Attribute("original"), (string?)file.Attribute("canResegment")));
        Assert.Equal(("01a226b1de0b7f49bbc9a7374d20ade1", "5", "2", "2024-04-24"),
            ((string?)file.Attribute(Tr + "release"), (string?)file.Attribute(Tr + "sourceRevision"), (string?)file.Attribute(Tr + "targetRevision"), (string?)file.Attribute(Tr + "releaseDate")));
        Assert.Equal(["title", "lead", "body"], file.Elements(X + "unit").Select(u => (string?)u.Attribute("id")));
        var body = file.Elements(X + "unit").Last();
        Assert.Equal("3", (string?)body.Attribute(Tr + "paragraphs"));
        Assert.Equal(["p1", "p2", "p3"], body.Elements(X + "segment").Select(s => (string?)s.Attribute("id")));
        Assert.All(file.Descendants(X + "segment"), s => Assert.Equal(("translated", "tr:outdated"), ((string?)s.Attribute("state"), (string?)s.Attribute("subState"))));
        Assert.All(file.Descendants().Where(e => e.Name == X + "source" || e.Name == X + "target"), t => Assert.Equal("preserve", (string?)t.Attribute(XNamespace.Xml + "space")));

        var second = body.Elements(X + "segment").ElementAt(1);
        var sourceBreak = Assert.Single(second.Element(X + "source")!.Elements(X + "ph"));
        var targetBreak = Assert.Single(second.Element(X + "target")!.Elements(X + "ph"));
        Assert.Equal(("lb1", "fmt", "xlf:lb", "\n"), ((string?)sourceBreak.Attribute("id"), (string?)sourceBreak.Attribute("type"), (string?)sourceBreak.Attribute("subType"), (string?)sourceBreak.Attribute("equiv")));
        Assert.Equal("lb1", (string?)targetBreak.Attribute("id"));   // the target's code is the source's, carried over
        Assert.Equal("Второй абзац,\nс переносом строки.", XliffReader.Text(second.Element(X + "source")!));
        Assert.Equal("The source changed since this translation (r3 -> r5): body.", file.Element(X + "notes")!.Element(X + "note")!.Value);
    }

    [Fact]
    public void Segments_without_a_target_are_initial_and_an_empty_lead_has_no_unit()
    {
        var missing = XDocument.Parse(XliffWriter.Write(Document(Releases["empty lead"]))).Root!.Element(X + "file")!;

        Assert.Equal(["title", "body"], missing.Elements(X + "unit").Select(u => (string?)u.Attribute("id")));
        Assert.All(missing.Descendants(X + "segment"), s => Assert.Null(s.Element(X + "target")));
        Assert.All(missing.Descendants(X + "segment"), s => Assert.Null(s.Attribute("state")));

        var unaligned = XDocument.Parse(XliffWriter.Write(Document(Releases["paragraphs that do not align: no body targets"]))).Root!.Element(X + "file")!;
        var units = unaligned.Elements(X + "unit").ToDictionary(u => (string)u.Attribute("id")!);
        Assert.Equal("Summit opens", units["title"].Descendants(X + "target").Single().Value);
        Assert.Empty(units["body"].Descendants(X + "target"));
    }

    [Fact]
    public async Task The_file_is_UTF_8_without_a_byte_order_mark_with_LF_line_ends()
    {
        using var stream = new MemoryStream();
        await XliffWriter.WriteAsync(Document(Releases["missing: no targets"]), stream, TestContext.Current.CancellationToken);
        var bytes = stream.ToArray();

        Assert.False(bytes.AsSpan().StartsWith("\uFEFF"u8));
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.Contains("Саммит открылся", System.Text.Encoding.UTF8.GetString(bytes));
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<xliff", System.Text.Encoding.UTF8.GetString(bytes));
        Assert.EndsWith("</xliff>\n", System.Text.Encoding.UTF8.GetString(bytes));
    }

    private static string ReplaceFirst(string text, string old, string replacement)
    {
        var at = text.IndexOf(old, StringComparison.Ordinal);
        return text[..at] + replacement + text[(at + old.Length)..];
    }
}
