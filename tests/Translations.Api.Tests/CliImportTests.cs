using System.Text.Json;
using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests;

/// <summary>
/// <c>translations import archive</c> against the real service: the old site's export (fixtures written here
/// in its format) becomes releases, a paired file their translations; nothing is guessed or written twice.
/// </summary>
public sealed class CliImportTests : IAsyncLifetime
{
    private static readonly TokenClaims Editor = new("importing-editor", "editor");

    private const string Russian = """
        05.03.2023

        5 марта 2023 года в Секретариате прошёл семинар по гражданской защите. Участники обменялись опытом.


        05.03.2023

        Рабочая группа по информационной безопасности собралась в Минске.


        Совет принял заявление о региональной безопасности

        Совет принял заявление о региональной безопасности 14.11.2022

         14 ноября Совет собрался под председательством Армении. (Видео)

        Главы делегаций обсудили положение в регионе.

        ____________________________________________________

        Пресс-секретарь    Анна Пример

        E-mail: press@example.org

        Назад

        Вернуться в раздел
        """;

    private const string English = """
        05.03.2023

        On 5 March 2023 the Secretariat hosted a seminar on civil protection. The participants shared their experience.


        05.03.2023

        The working group on information security met in Minsk.


        Council adopts a statement on regional security

        Council adopts a statement on regional security 14.11.2022

        On 14 November the Council met under the chairmanship of Armenia. (Video)

        The heads of delegation discussed the situation in the region.

        ____________________________________________________

        The Press Secretary Anna Example

        E-mail: press@example.org

        Go back
        """;

    private readonly TranslationsApp _app = new TranslationsApp().With("RateLimits:WriteBurst", "5").With("RateLimits:WritesPerPeriod", "5").With("RateLimits:Period", "00:00:01");
    private readonly DirectoryInfo _files = Directory.CreateTempSubdirectory("translations-import-");

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _files.Delete(recursive: true);
    }

    private CliSession Cli => new(_app.Address);

    private string File(string name, string text)
    {
        var path = Path.Combine(_files.FullName, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private async Task<List<Release>> StoredAsync()
    {
        var releases = new List<Release>();
        using var call = _app.As(Editor).Releases.QueryReleases(new QueryReleasesRequest { View = ReleaseView.Draft, Order = ReleaseOrder.ReleaseDateAscending });
        while (await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken))
        {
            releases.Add(call.ResponseStream.Current.Release);
        }
        return releases;
    }

    [Fact]
    public async Task An_archive_becomes_a_release_per_item_after_a_dry_run_that_writes_nothing_and_a_second_run_changes_nothing()
    {
        var file = File("archive-ru.txt", Russian);

        var dryRun = await Cli.RunAsync(Editor, "import", "archive", "--lang", "ru", file, "--dry-run");
        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.Contains("Dry run, nothing written: archive-ru.txt (ru): 3 would create, 0 unchanged, 0 skipped, 0 failed.", dryRun.Output);
        Assert.Empty(await StoredAsync());

        var imported = await Cli.RunAsync(Editor, "import", "archive", "--lang", "ru", file);
        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.Contains("Imported archive-ru.txt (ru): 3 created, 0 unchanged, 0 skipped, 0 failed.", imported.Output);
        var stored = await StoredAsync();
        Assert.Equal(["2022-11-14", "2023-03-05", "2023-03-05"], stored.Select(r => $"{r.ReleaseDate.Year:D4}-{r.ReleaseDate.Month:D2}-{r.ReleaseDate.Day:D2}"));
        var council = stored[0];
        Assert.Equal("ru", council.SourceLanguage);
        Assert.Equal(["video"], council.Tags);
        var variant = Assert.Single(council.Variants);
        Assert.Equal("Совет принял заявление о региональной безопасности", variant.Title);
        Assert.Equal("14 ноября Совет собрался под председательством Армении.\n\nГлавы делегаций обсудили положение в регионе.\n\n"
            + "Пресс-секретарь Анна Пример\nE-mail: press@example.org", variant.Body);
        Assert.Equal(VariantState.Draft, variant.State);
        Assert.Equal(["5 марта 2023 года в Секретариате прошёл семинар по гражданской защите.", "Рабочая группа по информационной безопасности собралась в Минске."],
            stored.Skip(1).Select(r => r.Variants[0].Title).Order());

        var again = await Cli.RunAsync(Editor, "import", "archive", "--lang", "ru", file, "--json");
        Assert.True(again.ExitCode == 0, again.ToString());
        var lines = again.OutputLines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.All(lines.SkipLast(1), line => Assert.Equal("unchanged", line.GetProperty("action").GetString()));
        Assert.Equal(3, lines[^1].GetProperty("summary").GetProperty("unchanged").GetInt32());
        Assert.Equal(3, (await StoredAsync()).Count);
    }

    [Fact]
    public async Task A_paired_file_adds_each_item_as_the_translation_at_its_date_and_position_and_a_date_that_does_not_match_is_reported()
    {
        Assert.Equal(0, (await Cli.RunAsync(Editor, "import", "archive", "--lang", "ru", File("archive-ru.txt", Russian))).ExitCode);
        // One more English item on 05.03.2023 than there are Russian ones: that date is not guessed.
        var mismatched = English.Replace("05.03.2023\n\nThe working group", "05.03.2023\n\nAn extra item.\n\n\n05.03.2023\n\nThe working group", StringComparison.Ordinal);

        var partly = await Cli.RunAsync(Editor, "import", "archive", "--lang", "en", "--pair", File("archive-en.txt", mismatched), "--json");

        Assert.Equal(3, partly.ExitCode);
        var outcomes = partly.OutputLines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(["skipped", "skipped", "skipped", "added"], outcomes.SkipLast(1).Select(o => o.GetProperty("action").GetString()));
        Assert.All(outcomes.Take(3), o => Assert.Equal("05.03.2023 has 3 item(s) in this file and 2 release(s) in another language on the service; not matched",
            o.GetProperty("reason").GetString()));
        Assert.Equal(3, outcomes[^1].GetProperty("summary").GetProperty("skipped").GetInt32());
        Assert.Contains("Could not import archive-en.txt: 0 item(s) failed and 3 were skipped", partly.Errors);

        var paired = await Cli.RunAsync(Editor, "import", "archive", "--lang", "en", "--pair", File("archive-en.txt", English));
        Assert.True(paired.ExitCode == 0, paired.ToString());
        Assert.Contains("2 added, 1 unchanged, 0 skipped, 0 failed", paired.Output);
        var stored = await StoredAsync();
        Assert.All(stored, r => Assert.Equal(["en", "ru"], r.Variants.Select(v => v.Language).Order()));
        var seminar = stored.Single(r => r.Variants.Any(v => v.Title.StartsWith("5 марта", StringComparison.Ordinal)));
        var english = seminar.Variants.Single(v => v.Language == "en");
        Assert.Equal("On 5 March 2023 the Secretariat hosted a seminar on civil protection.", english.Title);   // paired by position, not by chance
        Assert.Equal(1, english.SourceRevision);
        Assert.False(english.Outdated);
    }

    [Fact]
    public async Task Publish_takes_every_imported_item_through_review_to_readers()
    {
        var imported = await Cli.RunAsync(Editor, "import", "archive", "--lang", "ru", File("archive-ru.txt", Russian), "--publish");

        Assert.True(imported.ExitCode == 0, imported.ToString());
        var reader = _app.As(new TokenClaims("site", "reader"));
        using var call = reader.Releases.QueryReleases(new QueryReleasesRequest());
        var published = 0;
        while (await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken))
        {
            Assert.Equal(VariantState.Published, Assert.Single(call.ResponseStream.Current.Release.Variants).State);
            published++;
        }
        Assert.Equal(3, published);
    }

    [Theory]
    [InlineData("05.03.2023\n\nText.\n\n\n31.02.2020\n\nMore text.", "line 6: 31.02.2020 is not a date")]
    [InlineData("05.03.2023\n\nText.\n\n\nA title\n\nA title 06.03.2023\n", "line 6: the title \"A title\" is not followed by any text")]
    [InlineData("", "line 1: the file holds no item")]
    public async Task A_malformed_file_is_refused_whole_naming_its_line_and_nothing_is_imported(string text, string problem)
    {
        var refused = await Cli.RunAsync(Editor, "import", "archive", "--lang", "ru", File("broken.txt", text));

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains(problem, refused.Errors);
        Assert.Contains("nothing was imported", refused.Errors);
        Assert.Single(refused.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(await StoredAsync());
    }
}
