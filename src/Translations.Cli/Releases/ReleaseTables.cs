using Spectre.Console;
using Spectre.Console.Rendering;
using Translations.Cli.Hosting;
using Translations.V1;

namespace Translations.Cli.Releases;

/// <summary>A release as a reader sees it: its metadata, a table of its variants, and the texts of a single variant.</summary>
internal static class ReleaseTables
{
    public static void Show(IAnsiConsole console, Release release)
    {
        var about = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        about.AddRow(Words.Cell("Release"), Words.Cell(release.Id));
        if (release.Slug.Length > 0)
        {
            about.AddRow(Words.Cell("Slug"), Words.Cell(release.Slug));
        }
        about.AddRow(Words.Cell("Date"), Words.Cell(Words.Date(release.ReleaseDate)));
        about.AddRow(Words.Cell("Category"), Words.Cell(release.Category));
        about.AddRow(Words.Cell("Tags"), Words.Cell(string.Join(", ", release.Tags)));
        about.AddRow(Words.Cell("Source"), Words.Cell(release.SourceLanguage));
        about.AddRow(Words.Cell("Revision"), Words.Cell(Words.Revision(release.Revision)));
        console.Write(about);

        var variants = Words.Table("Lang", "State", "Revision", "Source rev.", "Author", "Updated", "Title");
        foreach (var variant in release.Variants)
        {
            variants.AddRow(Words.Cell(variant.Language + (variant.Outdated ? " (outdated)" : "")), Words.StateCell(variant.State),
                Words.Cell(Words.Revision(variant.Revision)), Words.Cell(variant.Language == release.SourceLanguage ? "-" : Words.Revision(variant.SourceRevision)),
                Words.Cell(variant.Author), Words.Cell(Words.Time(variant.UpdateTime)), Words.Cell(variant.Title));
        }
        console.Write(variants);
        if (release.Variants.Count == 1)
        {
            ShowTexts(console, release.Variants[0]);
        }
    }

    /// <summary>One variant's texts, laid out as the file <c>translations submit</c> reads.</summary>
    private static void ShowTexts(IAnsiConsole console, Variant variant)
    {
        console.WriteLine();
        console.Write(new Text(variant.Title, new Style(decoration: Decoration.Bold)));
        console.WriteLine();
        foreach (var text in new[] { variant.Lead, variant.Body }.Where(t => t.Length > 0))
        {
            console.WriteLine();
            console.Write(new Text(text));
            console.WriteLine();
        }
        if (variant.Comment.Length > 0)
        {
            console.WriteLine();
            console.Write(new Text($"Reviewer's comment ({variant.Actor}): {variant.Comment}"));
            console.WriteLine();
        }
    }

    /// <summary>One row per release: the variants' states in one column, the title (of the source, or of the one variant served) in another.</summary>
    public static Table List(IEnumerable<Release> releases)
    {
        var table = Words.Table("Release", "Date", "Category", "Slug", "Variants", "Title");
        foreach (var release in releases)
        {
            var variants = string.Join(", ", release.Variants.Select(v => $"{v.Language} {Words.State(v.State)} {Words.Revision(v.Revision)}"));
            var served = release.Variants.Count == 1 ? release.Variants[0]
                : release.Variants.FirstOrDefault(v => v.Language == release.SourceLanguage) ?? release.Variants.FirstOrDefault();
            table.AddRow(new IRenderable[]
            {
                Words.Cell(release.Id), Words.Cell(Words.Date(release.ReleaseDate)), Words.Cell(release.Category),
                Words.Cell(release.Slug), Words.Cell(variants), Words.Cell(served?.Title),
            });
        }
        return table;
    }
}
