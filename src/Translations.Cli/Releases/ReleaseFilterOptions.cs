using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Translations.V1;

namespace Translations.Cli.Releases;

/// <summary>--from, --to, --category and --tag: the part of a ReleaseFilter that <c>query</c> and <c>search</c> share.</summary>
internal sealed class ReleaseFilterOptions
{
    public Option<string?> From { get; } = new("--from") { Description = "Released on or after this date (yyyy-MM-dd)." };

    public Option<string?> To { get; } = new("--to") { Description = "Released on or before this date (yyyy-MM-dd)." };

    public Option<string[]> Categories { get; } = new("--category") { Description = "In this category; repeat for any of several." };

    public Option<string[]> Tags { get; } = new("--tag") { Description = "With this tag; repeat for any of several." };

    public void AddTo(Command command)
    {
        command.Options.Add(From);
        command.Options.Add(To);
        command.Options.Add(Categories);
        command.Options.Add(Tags);
        From.Validators.Add(result => CheckDate(result, From));
        To.Validators.Add(result => CheckDate(result, To));
    }

    public ReleaseFilter Read(ParseResult parsed) => new()
    {
        ReleaseDateFrom = Date(parsed.GetValue(From)),
        ReleaseDateTo = Date(parsed.GetValue(To)),
        Categories = { parsed.GetValue(Categories) ?? [] },
        Tags = { parsed.GetValue(Tags) ?? [] },
    };

    private static void CheckDate(OptionResult result, Option<string?> option)
    {
        if (result.GetValue(option) is { } text && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            result.AddError($"{option.Name} '{text}' is not a date like 2024-04-24.");
        }
    }

    private static Google.Type.Date? Date(string? text) =>
        text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture) is var date
            ? new Google.Type.Date { Year = date.Year, Month = date.Month, Day = date.Day } : null;
}
