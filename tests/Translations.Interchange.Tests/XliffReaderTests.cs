using System.Text;
using Translations.Interchange.Xliff;

namespace Translations.Interchange.Tests;

/// <summary>
/// What <see cref="XliffReader"/> makes of a document: exactly what was written, the same content after a CAT
/// tool's edits, and a refusal naming the line for anything that is not a document this service wrote.
/// </summary>
public sealed class XliffReaderTests
{
    private static readonly XliffTexts Source = new("Саммит открылся", "Главы делегаций собрались.", "Первый абзац.\n\nВторой абзац,\nс переносом строки.\n\nТретий абзац.");

    private static XliffDocument Read(string xml) => XliffReader.Read(xml);

    private static XliffDocument ReadBytes(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return XliffReader.ReadAsync(stream, TestContext.Current.CancellationToken).GetAwaiter().GetResult();
    }

    [Theory]
    [InlineData("Plain.", "", "One paragraph.")]
    [InlineData("Line breaks", "A lead\nover two lines.", "First line\nsecond line\nthird line.\n\nA second paragraph.")]
    [InlineData("Whitespace", "  Spaces  inside\tand a tab ", "  Leading spaces, two  inside,\ttabs\t\n trailing on a line \n\nand then\n\n\tindented.")]
    [InlineData("Escaping: AT&T <b> \"q\" 'a' ]]>", "a < b && c > d", "&amp; is text, <ph/> too.\n\n\"Кавычки «ёлочки»\" и ’апострофы’.")]
    [InlineData("Ёлки", "", "Ёлки и ели.\nЁж.\n\nВторой абзац.\n\nТретий.\n\nЧетвёртый.\n\nПятый.")]
    public void A_translation_comes_back_exactly_as_it_was_written(string title, string lead, string body)
    {
        var translation = new XliffTexts(title, lead, body);
        var original = new XliffTexts("Заголовок", lead.Length == 0 ? "" : "Лид.", BodyText.Join(BodyText.Paragraphs(body).Select((_, i) => $"Абзац {i + 1}.")));
        var written = XliffRelease.Create("01a2", 4, 2, original, translation) with { State = XliffState.Translated };

        var read = Assert.Single(Read(XliffWriter.Write(new XliffDocument("ru", "en", [written]))).Releases);

        Assert.Equal(("01a2", 4L, 2L), (read.ReleaseId, read.SourceRevision, read.TargetRevision));
        Assert.Equal(translation, read.Translation(out var missing));
        Assert.Empty(missing);
        Assert.Equal(written.Body.Segments.Select(s => s.Source), read.Body.Segments.Select(s => s.Source));
    }

    [Fact]
    public void Sources_and_an_untranslated_release_come_back_with_nothing_to_submit()
    {
        var written = XliffRelease.Create("01a2", 3, 0, Source, null) with { ReleaseDate = new DateOnly(2024, 4, 24) };

        var document = Read(XliffWriter.Write(new XliffDocument("ru", "en", [written])));

        Assert.Equal(("ru", "en"), (document.SourceLanguage, document.TargetLanguage));
        var read = Assert.Single(document.Releases);
        Assert.Equal((new DateOnly(2024, 4, 24), 3, 3), (read.ReleaseDate, read.Paragraphs, read.Line));
        Assert.Equal(["Первый абзац.", "Второй абзац,\nс переносом строки.", "Третий абзац."], read.Body.Segments.Select(s => s.Source));
        Assert.True(read.IsUntranslated);
        Assert.Null(read.Translation(out var missing));
        Assert.Equal(["title", "lead", "body"], missing);
    }

    [Fact]
    public void A_partly_translated_release_names_what_is_missing()
    {
        var written = XliffRelease.Create("01a2", 3, 0, Source with { Body = "Один.\n\nДва.\n\nТри.\n\nЧетыре.\n\nПять." }, null);
        var xml = XliffWriter.Write(new XliffDocument("ru", "en", [written]))
            .Replace("<source xml:space=\"preserve\">Один.</source>", "<source xml:space=\"preserve\">Один.</source><target>One.</target>", StringComparison.Ordinal)
            .Replace("<source xml:space=\"preserve\">Три.</source>", "<source xml:space=\"preserve\">Три.</source><target>Three.</target>", StringComparison.Ordinal)
            .Replace("<source xml:space=\"preserve\">Четыре.</source>", "<source xml:space=\"preserve\">Четыре.</source><target>Four.</target>", StringComparison.Ordinal)
            .Replace("<source xml:space=\"preserve\">Главы делегаций собрались.</source>", "<source xml:space=\"preserve\">Главы делегаций собрались.</source><target>  </target>", StringComparison.Ordinal);

        var read = Assert.Single(Read(xml).Releases);

        Assert.Null(read.Translation(out var missing));
        Assert.Equal(["title", "lead", "body paragraphs 2, 5"], missing);
        Assert.False(read.IsUntranslated);
    }

    /// <summary>
    /// The export of one release as a CAT tool saves it: CRLF, a byte-order mark, another indentation, attributes
    /// reordered, notes and subStates added, xml:space dropped on some targets, line breaks as the tool's own
    /// placeholders, text wrapped in pc and mrk, a code point as cp, originalData, a comment and a foreign element.
    /// </summary>
    private const string CatEdited = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Saved by a CAT tool -->
        <xliff xmlns:tr="urn:translations:xliff:1" trgLang="en" srcLang="ru" version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mq="urn:example:cat-tool">
            <file tr:targetRevision="0" canResegment="no" tr:sourceRevision="3" original="01a2" tr:release="01a2" id="r01a2" mq:project="press">
                <mq:settings locked="false"/>
                <notes><note category="cat">Imported 2026-11-29</note></notes>
                <unit id="title" mq:status="ok">
                    <notes><note>Keep it short.</note></notes>
                    <segment subState="mq:confirmed" state="translated" id="s1">
                        <source xml:space="preserve">Саммит открылся</source>
                        <target xml:space="preserve">Summit <mrk id="m1" type="term">opens</mrk></target>
                    </segment>
                </unit>
                <unit id="lead">
                    <originalData><data id="d1">&lt;br/&gt;</data></originalData>
                    <segment id="s1" state="reviewed">
                        <source xml:space="preserve">Главы делегаций собрались.</source>
                        <target>
                            Heads of   delegation
                            gathered<cp hex="00A0"/>today.
                        </target>
                    </segment>
                </unit>
                <unit tr:paragraphs="3" id="body">
                    <segment id="p1" state="final">
                        <source xml:space="preserve">Первый абзац.</source>
                        <target xml:space="preserve">The <pc id="b1" type="fmt" dispStart="&lt;b&gt;">first</pc> paragraph.</target>
                    </segment>
                    <ignorable><source> </source></ignorable>
                    <segment id="p2" state="translated">
                        <source xml:space="preserve">Второй абзац,<ph id="lb1" type="fmt" subType="xlf:lb" equiv="&#10;"/>с переносом строки.</source>
                        <target>
                            The second one,
                            <ph id="lb1" equiv="&#10;" dataRef="d1"/>
                            with a line break<ph id="x1" disp="&#10;"/>and <ph id="lb2" equiv="&#13;&#10;"/>two.
                        </target>
                    </segment>
                    <segment id="p3">
                        <source xml:space="preserve">Третий абзац.</source>
                        <target xml:space="preserve">The third<ph id="v1" equiv=" (see above) "/>paragraph<sc id="sc1"/>.<ec startRef="sc1"/><sm id="sm1"/><em startRef="sm1"/></target>
                    </segment>
                </unit>
            </file>
        </xliff>
        """;

    [Fact]
    public void A_document_a_CAT_tool_edited_reads_to_the_same_content()
    {
        var crlf = CatEdited.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(crlf)).ToArray();

        var read = Assert.Single(ReadBytes(bytes).Releases);

        Assert.Equal(("01a2", 3L, 0L, 3), (read.ReleaseId, read.SourceRevision, read.TargetRevision, read.Paragraphs));
        var translation = read.Translation(out var missing);
        Assert.Empty(missing);
        Assert.Equal(new XliffTexts(
            "Summit opens",
            "Heads of delegation gathered\u00A0today.",
            "The first paragraph.\n\nThe second one,\nwith a line break\nand\ntwo.\n\nThe third (see above) paragraph."), translation);
        Assert.Equal("Второй абзац,\nс переносом строки.", read.Body.Segments[1].Source);
    }

    [Fact]
    public void Indentation_alone_changes_nothing_that_is_read()
    {
        var written = XliffRelease.Create("01a2", 3, 1, Source, Source with { Title = "Summit opens" }) with { State = XliffState.Translated };
        var xml = XliffWriter.Write(new XliffDocument("ru", "en", [written]));
        var flat = System.Xml.Linq.XDocument.Parse(xml).ToString(System.Xml.Linq.SaveOptions.DisableFormatting);
        var reindented = System.Xml.Linq.XDocument.Parse(flat).ToString();

        Assert.NotEqual(xml, reindented);
        Assert.Equal(Read(xml).Releases[0].Translation(out _), Read(reindented).Releases[0].Translation(out _));
        Assert.Equal(Read(xml).Releases[0].Translation(out _), Read(flat).Releases[0].Translation(out _));
    }

    [Theory]
    [InlineData("<xliff version=\"2.0\" srcLang=\"ru\" trgLang=\"en\"", 1, "the file is not well-formed XML")]
    [InlineData("", 1, "the file is not well-formed XML")]
    [InlineData("""<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file/></xliff>""", 1,
        "the <xliff> element is in the namespace \"urn:oasis:names:tc:xliff:document:1.2\"; expected urn:oasis:names:tc:xliff:document:2.0")]
    [InlineData("<html>\n<body/>\n</html>", 1, "the document is a <html>; expected an XLIFF 2.0 <xliff> element")]
    [InlineData("""<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="3.0" srcLang="ru" trgLang="en"/>""", 1, "version \"3.0\"; expected version=\"2.0\"")]
    [InlineData("""<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ru"/>""", 1, "no trgLang attribute; expected the target language")]
    [InlineData("""<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ru" trgLang="en"/>""", 1, "holds no <file>")]
    [InlineData("""
        <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ru" trgLang="en">
          <file id="f1">
            <unit id="u1"><segment><source>Hello</source></segment></unit>
          </file>
        </xliff>
        """, 2, "the <file> element has no tr:release attribute; expected the release id (the tr: attributes `translations export xliff` writes")]
    [InlineData("""
        <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:tr="urn:translations:xliff:1" version="2.0" srcLang="ru" trgLang="en">

          <file id="r1" tr:release="1" tr:sourceRevision="three" tr:targetRevision="0"/>
        </xliff>
        """, 3, "tr:sourceRevision=\"three\" is not a revision; expected a whole number from 1")]
    [InlineData("""
        <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:tr="urn:translations:xliff:1" version="2.0" srcLang="ru" trgLang="en">
          <file id="r1" tr:release="1" tr:sourceRevision="3" tr:targetRevision="0">
            <unit id="title"><segment><source>T</source></segment></unit>
          </file>
        </xliff>
        """, 2, "release 1 has no <unit id=\"body\">")]
    [InlineData("""
        <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:tr="urn:translations:xliff:1" version="2.0" srcLang="ru" trgLang="en">
          <file id="r1" tr:release="1" tr:sourceRevision="3" tr:targetRevision="0">
            <unit id="title"><segment><source>T</source></segment></unit>
            <unit id="body"><segment><source>B</source></segment></unit>
          </file>
        </xliff>
        """, 4, "the body unit of release 1 has no valid tr:paragraphs")]
    [InlineData("""
        <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:tr="urn:translations:xliff:1" version="2.0" srcLang="ru" trgLang="en">
          <file id="r1" tr:release="1" tr:sourceRevision="3" tr:targetRevision="0">
            <unit id="title"><segment><source>T</source></segment></unit>
            <unit id="body" tr:paragraphs="1"><segment><source>B</source></segment></unit>
          </file>
          <file id="r1b" tr:release="1" tr:sourceRevision="3" tr:targetRevision="0">
            <unit id="title"><segment><source>T</source></segment></unit>
            <unit id="body" tr:paragraphs="1"><segment><source>B</source></segment></unit>
          </file>
        </xliff>
        """, 6, "release 1 is in the file twice (first at line 2)")]
    [InlineData("""
        <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ru" trgLang="en">
          <file id="r1">
            <unit id="title"><segment><source>T &amp nothing</source></segment></unit>
          </file>
        </xliff>
        """, 3, "the file is not well-formed XML")]
    public void A_document_this_service_did_not_write_is_refused_naming_its_line(string xml, int line, string problem)
    {
        var refused = Assert.Throws<XliffFormatException>(() => Read(xml));

        Assert.Equal(line, refused.Line);
        Assert.Contains(problem, refused.Message);
        Assert.StartsWith($"line {line}: ", refused.Message);
    }

    [Fact]
    public void A_file_in_another_encoding_than_it_declares_is_refused_with_its_line()
    {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"ru\" trgLang=\"en\">\n<!-- ";
        var bytes = Encoding.UTF8.GetBytes(xml).Concat(new byte[] { 0xD1, 0x20, 0xC0 }).Concat(Encoding.UTF8.GetBytes(" -->\n</xliff>")).ToArray();

        var refused = Assert.Throws<XliffFormatException>(() => ReadBytes(bytes));

        Assert.Equal(3, refused.Line);
    }

    [Theory]
    [InlineData("One.", new[] { "One." })]
    [InlineData("One.\n\nTwo.", new[] { "One.", "Two." })]
    [InlineData("One,\nstill one.\n\n\n\nTwo.\n \t\nThree.", new[] { "One,\nstill one.", "Two.", "Three." })]
    public void A_body_is_cut_into_paragraphs_at_blank_lines_and_joined_with_one(string body, string[] paragraphs)
    {
        Assert.Equal(paragraphs, BodyText.Paragraphs(body));
        Assert.Equal(string.Join("\n\n", paragraphs), BodyText.Join(paragraphs));
    }
}
