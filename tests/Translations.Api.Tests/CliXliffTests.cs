using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Translations.Interchange.Tests;
using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests;

/// <summary>
/// <c>translations export xliff</c> and <c>translations import xliff</c> against the real service: the releases
/// that need English go out as XLIFF 2.0, come back translated as a CAT tool saves them, and land as variants
/// translated from the file's source revision; nothing is overwritten that changed since, and an untouched round
/// trip changes nothing.
/// </summary>
public sealed class CliXliffTests : IAsyncLifetime
{
    private static readonly TokenClaims Editor = new("olga", "editor");
    private static readonly TokenClaims Translator = new("anna", ["translator"], ["en"]);
    private static readonly XNamespace X = "urn:oasis:names:tc:xliff:document:2.0";
    private static readonly XNamespace Tr = "urn:translations:xliff:1";

    private readonly TranslationsApp _app = new();
    private readonly DirectoryInfo _files = Directory.CreateTempSubdirectory("translations-xliff-");

    /// <summary>The releases of every kind, by what they are for English.</summary>
    private Release _missing = null!, _outdated = null!, _rejected = null!, _current = null!, _english = null!, _events = null!;

    public async ValueTask InitializeAsync()
    {
        await _app.InitializeAsync();
        var editor = _app.As(Editor);
        _missing = await CreateAsync(2024, 1, 10, "Саммит открылся: AT&T и <ООН>", "Главы делегаций собрались «в Москве».",
            "Первый абзац.\n\nВторой абзац,\nс переносом строки.\n\nТретий абзац & \"кавычки\".");
        _outdated = await CreateAsync(2024, 2, 10, "Форум начнётся в июне", "", "Регистрация открыта.\n\nПодробности позже.");
        await TranslateAsync(_outdated, "Forum opens in June", "", "Registration is open.\n\nDetails later.");
        await editor.Translation.SubmitVariantAsync(new SubmitVariantRequest
        {
            ReleaseId = _outdated.Id, Language = "ru", Title = "Форум начнётся в июле", Body = "Регистрация открыта.\n\nПодробности позже.", ExpectedRevision = 1,
        });
        _rejected = await CreateAsync(2024, 3, 10, "Совет принял заявление", "Лид.", "Текст заявления.");
        var inReview = await TranslateAsync(_rejected, "The council adopts a statement", "Lead", "The statement's text", review: true);
        await editor.Editorial.ReviewVariantAsync(new ReviewVariantRequest
        {
            ReleaseId = _rejected.Id, Language = "en", ExpectedRevision = inReview, Decision = ReviewDecision.Reject, Comment = "Full stops are missing.",
        });
        _current = await CreateAsync(2024, 4, 10, "Уже переведено", "", "Текст.");
        await TranslateAsync(_current, "Already translated", "", "Text.");
        _english = await CreateAsync(2024, 5, 10, "Written in English", "", "Text.", language: "en");
        _events = await CreateAsync(2024, 6, 10, "Выставка", "", "Первый.\n\nВторой.", category: "events");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _files.Delete(recursive: true);
    }

    private CliSession Cli => new(_app.Address);

    private string PathOf(string name) => Path.Combine(_files.FullName, name);

    private async Task<Release> CreateAsync(int year, int month, int day, string title, string lead, string body, string language = "ru", string category = "news")
    {
        var request = Requests.NewRelease(language: language, title: title, lead: lead, body: body, date: Requests.Date(year, month, day), category: category);
        return (await _app.As(Editor).Editorial.CreateReleaseAsync(request)).Release;
    }

    private async Task<long> TranslateAsync(Release release, string title, string lead, string body, bool review = false) =>
        (await _app.As(Translator).Translation.SubmitVariantAsync(new SubmitVariantRequest
        {
            ReleaseId = release.Id, Language = "en", Title = title, Lead = lead, Body = body, SubmitForReview = review,
            ExpectedRevision = (await GetAsync(release.Id)).Variants.FirstOrDefault(v => v.Language == "en")?.Revision ?? 0,
        })).Variant.Revision;

    private async Task<Release> GetAsync(string id) =>
        (await _app.As(Editor).Releases.GetReleaseAsync(new GetReleaseRequest { Id = id, View = ReleaseView.Draft })).Release;

    private async Task<Variant?> EnglishAsync(Release release) => (await GetAsync(release.Id)).Variants.FirstOrDefault(v => v.Language == "en");

    /// <summary>What a user would see change: every release's revision, and the last change event's sequence.</summary>
    private async Task<(string Revisions, long LastSequence)> StateAsync()
    {
        await using var db = await _app.DatabaseAsync();
        var releases = await db.Releases.OrderBy(r => r.Id).Select(r => r.Id + "@" + r.Revision).ToListAsync(TestContext.Current.CancellationToken);
        return (string.Join(",", releases), await db.ChangeEvents.MaxAsync(e => e.Sequence, TestContext.Current.CancellationToken));
    }

    private async Task<XDocument> ExportAsync(string file = "en.xlf", params string[] more)
    {
        var exported = await Cli.RunAsync(Translator, ["export", "xliff", "--target", "en", "--output", PathOf(file), .. more]);
        Assert.True(exported.ExitCode == 0, exported.ToString());
        return XDocument.Load(PathOf(file), LoadOptions.PreserveWhitespace);
    }

    private static XElement FileOf(XDocument document, Release release) =>
        document.Root!.Elements(X + "file").Single(f => (string?)f.Attribute(Tr + "release") == release.Id);

    /// <summary>
    /// Fills in the targets of one release the way a CAT tool saves a translation: attributes in another order,
    /// a note and a subState added, line breaks as the tool's own placeholders (no subType), state changed.
    /// </summary>
    private static void Translate(XDocument document, Release release, string title, string? lead, params string[] paragraphs)
    {
        var file = FileOf(document, release);
        var attributes = file.Attributes().Reverse().ToList();
        file.ReplaceAttributes(attributes);
        var units = file.Elements(X + "unit").ToDictionary(u => (string)u.Attribute("id")!);
        var texts = new List<(XElement Segment, string Text)> { (units["title"].Element(X + "segment")!, title) };
        if (lead is not null)
        {
            texts.Add((units["lead"].Element(X + "segment")!, lead));
        }
        texts.AddRange(units["body"].Elements(X + "segment").Zip(paragraphs));
        var codes = 0;
        foreach (var (segment, text) in texts)
        {
            segment.Element(X + "target")?.Remove();
            var target = new XElement(X + "target", new XAttribute(XNamespace.Xml + "space", "preserve"));
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0)
                {
                    target.Add(new XElement(X + "ph", new XAttribute("equiv", "\n"), new XAttribute("id", $"cat{++codes}")));
                }
                target.Add(lines[i]);
            }
            segment.Add(target);
            segment.SetAttributeValue("subState", "cat:edited");
            segment.SetAttributeValue("state", "translated");
        }
        units["title"].AddFirst(new XElement(X + "notes", new XElement(X + "note", new XAttribute("category", "cat"), "Checked against the glossary.")));
    }

    /// <summary>Saved as a CAT tool on Windows might: a byte-order mark and CRLF line ends.</summary>
    private string Save(XDocument document, string name)
    {
        var text = document.Declaration + "\n" + document.Root!;
        File.WriteAllText(PathOf(name), text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal), new UTF8Encoding(true));
        return PathOf(name);
    }

    [Fact]
    public async Task Export_holds_exactly_the_releases_that_need_English_oldest_first_and_validates_against_the_XLIFF_core_schema()
    {
        var exported = await Cli.RunAsync(Translator, "export", "xliff", "--target", "en", "--output", "-");

        Assert.True(exported.ExitCode == 0, exported.ToString());
        Assert.Empty(XliffSchema.Problems(exported.Output));
        var document = XDocument.Parse(exported.Output);
        Assert.Equal(("ru", "en"), ((string?)document.Root!.Attribute("srcLang"), (string?)document.Root.Attribute("trgLang")));
        Assert.Equal([_missing.Id, _outdated.Id, _rejected.Id, _events.Id], document.Root.Elements(X + "file").Select(f => (string?)f.Attribute("original")));
        Assert.Equal("Exported 4 release(s) (2 missing, 1 outdated, 1 rejected) from ru into en to standard output: 10 units, 14 segments, 6 with the current translation as target.\n",
            exported.Errors);

        var missing = FileOf(document, _missing);
        Assert.Equal(("1", "0"), ((string?)missing.Attribute(Tr + "sourceRevision"), (string?)missing.Attribute(Tr + "targetRevision")));
        Assert.Empty(missing.Descendants(X + "target"));
        Assert.Equal(["Первый абзац.", "Второй абзац,\nс переносом строки.", "Третий абзац & \"кавычки\"."],
            missing.Elements(X + "unit").Last().Elements(X + "segment").Select(s => Interchange.Xliff.XliffReader.Text(s.Element(X + "source")!)));

        var outdated = FileOf(document, _outdated);
        Assert.Equal(("2", "1"), ((string?)outdated.Attribute(Tr + "sourceRevision"), (string?)outdated.Attribute(Tr + "targetRevision")));
        Assert.Equal(["title", "body"], outdated.Elements(X + "unit").Select(u => (string?)u.Attribute("id")));   // no lead in the original
        Assert.All(outdated.Descendants(X + "segment"), s => Assert.Equal(("translated", "tr:outdated"), ((string?)s.Attribute("state"), (string?)s.Attribute("subState"))));
        Assert.Equal(["Registration is open.", "Details later."], outdated.Descendants(X + "target").Skip(1).Select(t => t.Value));

        var rejected = FileOf(document, _rejected);
        Assert.All(rejected.Descendants(X + "segment"), s => Assert.Equal(("initial", "tr:rejected"), ((string?)s.Attribute("state"), (string?)s.Attribute("subState"))));
        Assert.Contains("rejected by olga: \"Full stops are missing.\"", rejected.Element(X + "notes")!.Value);

        var filtered = await Cli.RunAsync(Translator, "export", "xliff", "--target", "en", "--category", "news", "--from", "2024-02-10", "--output", "-");
        Assert.Equal([_outdated.Id, _rejected.Id], XDocument.Parse(filtered.Output).Root!.Elements(X + "file").Select(f => (string?)f.Attribute("original")));
    }

    [Fact]
    public async Task Targets_translated_in_a_CAT_tool_are_stored_from_the_files_source_revision_and_importing_them_again_changes_nothing()
    {
        var document = await ExportAsync();
        Translate(document, _missing, "Summit opens: AT&T and <the UN>", "Heads of delegation gathered \"in Moscow\".",
            "The first paragraph.", "The second one,\nwith a line break.", "The third & \"quotes\".");
        Translate(document, _outdated, "Forum opens in July", null, "Registration is open.", "Details later.");
        Translate(document, _rejected, "The council adopts a statement.", "Lead.", "The statement's text.");
        var file = Save(document, "en-translated.xlf");

        var imported = await Cli.RunAsync(Translator, "import", "xliff", file, "--submit-for-review");

        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.Contains("Imported en-translated.xlf (en): 1 added, 2 updated, 0 unchanged, 1 skipped, 0 failed.", imported.Output);
        Assert.Contains(imported.OutputLines, line => line.Contains(_events.Id) && line.Contains("skipped") && line.Contains("not translated"));
        var summit = (await EnglishAsync(_missing))!;
        Assert.Equal(("Summit opens: AT&T and <the UN>", "Heads of delegation gathered \"in Moscow\".", "The first paragraph.\n\nThe second one,\nwith a line break.\n\nThe third & \"quotes\"."),
            (summit.Title, summit.Lead, summit.Body));
        Assert.Equal((1L, VariantState.InReview, false, "anna"), (summit.SourceRevision, summit.State, summit.Outdated, summit.Author));
        var forum = (await EnglishAsync(_outdated))!;
        Assert.Equal(("Forum opens in July", 2L, false, 2L), (forum.Title, forum.SourceRevision, forum.Outdated, forum.Revision));
        Assert.Equal(("The council adopts a statement.", VariantState.InReview), ((await EnglishAsync(_rejected))!.Title, (await EnglishAsync(_rejected))!.State));

        var before = await StateAsync();
        var again = await Cli.RunAsync(Translator, "import", "xliff", file, "--json");

        Assert.True(again.ExitCode == 0, again.ToString());
        var outcomes = again.OutputLines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(["unchanged", "unchanged", "unchanged", "skipped"], outcomes.SkipLast(1).Select(o => o.GetProperty("action").GetString()));
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task Importing_an_untouched_export_changes_nothing()
    {
        await ExportAsync();
        var before = await StateAsync();

        var imported = await Cli.RunAsync(Translator, "import", "xliff", PathOf("en.xlf"));

        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.Contains("Imported en.xlf (en): 2 unchanged, 2 skipped, 0 failed.", imported.Output);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task A_translation_of_a_source_that_changed_after_the_export_is_stored_outdated_and_reported()
    {
        var document = await ExportAsync();
        await _app.As(Editor).Translation.SubmitVariantAsync(new SubmitVariantRequest
        {
            ReleaseId = _missing.Id, Language = "ru", Title = "Саммит открылся", Lead = "Главы делегаций собрались.", Body = "Новый текст.", ExpectedRevision = 1,
        });
        Translate(document, _missing, "Summit opens", "Heads of delegation gathered.", "The first paragraph.", "The second.", "The third.");

        var imported = await Cli.RunAsync(Translator, "import", "xliff", Save(document, "en.xlf"), "--json");

        Assert.True(imported.ExitCode == 0, imported.ToString());
        var outcome = imported.OutputLines.Select(line => JsonDocument.Parse(line).RootElement).First(o => o.GetProperty("releaseId").GetString() == _missing.Id);
        Assert.Equal(("added", "the source changed since the export (ru r1 -> r2): stored as outdated"),
            (outcome.GetProperty("action").GetString(), outcome.GetProperty("reason").GetString()));
        var english = (await EnglishAsync(_missing))!;
        Assert.Equal((1L, true, "Summit opens"), (english.SourceRevision, english.Outdated, english.Title));
    }

    [Fact]
    public async Task A_deleted_release_is_reported_a_variant_edited_since_the_export_is_a_conflict_and_joined_segments_fail_with_their_line()
    {
        var document = await ExportAsync();
        await _app.As(Editor).Editorial.DeleteReleaseAsync(new DeleteReleaseRequest { Id = _missing.Id, ExpectedRevision = (await GetAsync(_missing.Id)).Revision });
        await TranslateAsync(_outdated, "Forum opens in July (edited on the service)", "", "Registration is open.\n\nDetails later.");
        Translate(document, _missing, "Summit opens", "Heads of delegation gathered.", "One.", "Two.", "Three.");
        Translate(document, _outdated, "Forum opens in July", null, "Registration is open.", "Details later.");
        Translate(document, _rejected, "The council adopts a statement.", "Lead.", "The statement's text.");
        Translate(document, _events, "Exhibition", null, "First.", "Second.");
        // A CAT tool joined the two paragraphs of the exhibition into one segment.
        var body = FileOf(document, _events).Elements(X + "unit").Last();
        body.Elements(X + "segment").Last().Remove();
        var file = Save(document, "en.xlf");
        var lines = File.ReadAllLines(file);
        var joinedLine = Array.FindIndex(lines, Array.FindIndex(lines, l => l.Contains($"tr:release=\"{_events.Id}\"")), l => l.Contains("id=\"body\"")) + 1;

        var imported = await Cli.RunAsync(Translator, "import", "xliff", file, "--json");

        Assert.Equal(3, imported.ExitCode);
        var outcomes = imported.OutputLines.SkipLast(1).Select(line => JsonDocument.Parse(line).RootElement)
            .ToDictionary(o => o.GetProperty("releaseId").GetString()!, o => (Action: o.GetProperty("action").GetString(), Reason: o.GetProperty("reason").GetString()));
        Assert.Equal(("skipped", "the release no longer exists (deleted since the export, or this token may not see it)"), outcomes[_missing.Id]);
        Assert.Equal(("failed", "conflict: the en variant was r1 at the export and is r2 now; it changed on the service since and was not overwritten: export again"), outcomes[_outdated.Id]);
        Assert.Equal("updated", outcomes[_rejected.Id].Action);
        Assert.Equal(("failed", $"line {joinedLine}: the body has 1 segment(s) where 2 paragraph(s) were exported; a CAT tool split or joined segments: keep one segment per paragraph"),
            outcomes[_events.Id]);
        Assert.Contains("Could not import en.xlf: 2 release(s) failed", imported.Errors);
        Assert.Equal("Forum opens in July (edited on the service)", (await EnglishAsync(_outdated))!.Title);
        Assert.Null(await EnglishAsync(_events));
    }

    [Theory]
    [InlineData("not XML at all", "line 1: the file is not well-formed XML")]
    [InlineData("tr:release", "the <file> element has no tr:release attribute")]
    [InlineData("namespace", "expected urn:oasis:names:tc:xliff:document:2.0")]
    public async Task A_malformed_file_sends_nothing_and_exits_with_a_usage_error_naming_its_line(string breakage, string problem)
    {
        var document = await ExportAsync();
        Translate(document, _missing, "Summit opens", "Heads of delegation gathered.", "One.", "Two.", "Three.");
        var text = document.ToString();
        text = breakage switch
        {
            "not XML at all" => "Summit opens\n" + text,
            "tr:release" => text.Replace($"tr:release=\"{_outdated.Id}\"", "", StringComparison.Ordinal),
            _ => text.Replace("urn:oasis:names:tc:xliff:document:2.0", "urn:oasis:names:tc:xliff:document:1.2", StringComparison.Ordinal),
        };
        File.WriteAllText(PathOf("broken.xlf"), text);
        var before = await StateAsync();

        var refused = await Cli.RunAsync(Translator, "import", "xliff", PathOf("broken.xlf"));

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal("", refused.Output);
        Assert.Contains(problem, refused.Errors);
        Assert.Matches(@"^Could not import broken\.xlf: broken\.xlf, line \d+: .*; nothing was imported\.\n$", refused.Errors);
        Assert.Equal(before, await StateAsync());
        Assert.Null(await EnglishAsync(_missing));
    }
}
