using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Translations.Cli;
using Translations.Testing;

namespace Translations.Benchmarks;

/// <summary>One import of a generated archive file: how many items, how long, and what its summary said.</summary>
internal sealed record ImportRun(string Name, int Items, TimeSpan Took, IReadOnlyDictionary<string, int> Summary, int ExitCode)
{
    public double ItemsPerSecond => Items / Took.TotalSeconds;
}

/// <summary>What importing measured on one database.</summary>
internal sealed record ImportResults(int Items, int Dates, ImportRun Source, ImportRun Paired, ImportRun Again)
{
    public bool Correct =>
        Source.ExitCode == 0 && Source.Summary.GetValueOrDefault("created") == Items
        && Paired.ExitCode == 0 && Paired.Summary.GetValueOrDefault("added") == Items
        && Again.ExitCode == 0 && Again.Summary.GetValueOrDefault("unchanged") == Items;
}

/// <summary>
/// <c>translations import archive</c>, in this process, against a server process with the default write rate
/// limit: a generated Russian archive of <see cref="Items"/> items, then the English file paired with it, then the
/// Russian file again (every item unchanged).
/// </summary>
internal static class ImportScenario
{
    public const int Items = 10_000;
    public const int ItemsPerDate = 25;

    public static async Task<ImportResults> RunAsync(string root, BenchmarkDatabase database, string workspace)
    {
        Console.WriteLine($"{database.Name}: importing {Items:N0} generated archive items");
        var russian = Path.Combine(workspace, "archive-ru.txt");
        var english = Path.Combine(workspace, "archive-en.txt");
        await File.WriteAllTextAsync(russian, Generate("ru"));
        await File.WriteAllTextAsync(english, Generate("en"));
        // The default write limit (20 per second, bursts of 100): bulk calls are what keeps an import under it.
        var server = await ServerProcess.StartAsync(root, database.ServerSettings);
        try
        {
            var environment = new Dictionary<string, string?>
            {
                ["TRANSLATIONS_ADDRESS"] = server.Address.ToString(),
                ["TRANSLATIONS_TOKEN"] = BenchmarkAccess.ImporterToken,
            };
            var source = await ImportAsync("Russian archive (a release per item)", ["--lang", "ru", russian], environment);
            var paired = await ImportAsync("English archive --pair (a variant per item)", ["--lang", "en", "--pair", english], environment);
            var again = await ImportAsync("Russian archive again (every item unchanged)", ["--lang", "ru", russian], environment);
            return new ImportResults(Items, Items / ItemsPerDate, source, paired, again);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static async Task<ImportRun> ImportAsync(string name, string[] arguments, Dictionary<string, string?> environment)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var started = Stopwatch.GetTimestamp();
        var code = await TranslationsCli.RunAsync(["import", "archive", .. arguments, "--json"], output, errors, environment);
        var took = Stopwatch.GetElapsedTime(started);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var summary = lines.Length == 0 ? new Dictionary<string, int>()
            : JsonDocument.Parse(lines[^1]).RootElement.GetProperty("summary").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        var run = new ImportRun(name, Items, took, summary, code);
        Console.WriteLine($"  {name}: {run.ItemsPerSecond:N0} items/s ({took.TotalSeconds:F1} s), exit {code}, {string.Join(", ", summary.Select(s => $"{s.Value} {s.Key}"))}"
            + (errors.ToString() is { Length: > 0 } said ? $"; {said.Trim()}" : ""));
        return run;
    }

    /// <summary>An archive file in the old site's format: <see cref="ItemsPerDate"/> items a day from 1990-01-01, each its date, a first sentence and two more paragraphs; every tenth a titled release with a contact block.</summary>
    private static string Generate(string language)
    {
        var text = new StringBuilder();
        var words = language == "ru"
            ? "секретариат совет делегации заседание безопасность сотрудничество государства участники программа решение".Split(' ')
            : "secretariat council delegations meeting security cooperation states participants programme decision".Split(' ');
        for (var i = 0; i < Items; i++)
        {
            var date = new DateOnly(1990, 1, 1).AddDays(i / ItemsPerDate).ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture);
            string Sentence(int n, int salt) =>
                char.ToUpperInvariant(words[(n + salt) % words.Length][0]) + words[(n + salt) % words.Length][1..] + " "
                + string.Join(' ', Enumerable.Range(0, 18).Select(k => words[(n * 7 + k * 3 + salt) % words.Length])) + $" {n}.";
            if (i % 10 == 0)
            {
                var title = language == "ru" ? $"Заявление совета номер {i}" : $"Council statement number {i}";
                text.Append($"{title}\n\n{title} {date}\n\n{Sentence(i, 1)} {Sentence(i, 2)}\n\n{Sentence(i, 3)}\n\n{Sentence(i, 4)}\n\n")
                    .Append("____________________\n\nPress office\n\nE-mail: press@example.org\n\n")
                    .Append(language == "ru" ? "Назад\n\n\n" : "Go back\n\n\n");
            }
            else
            {
                text.Append($"{date}\n\n{Sentence(i, 1)} {Sentence(i, 2)}\n\n{Sentence(i, 3)}\n\n\n");
            }
        }
        return text.ToString();
    }
}
