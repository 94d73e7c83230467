using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Spectre.Console;
using Spectre.Console.Rendering;
using Translations.V1;

namespace Translations.Cli.Hosting;

/// <summary>The service's values as a reader of a table says them: states, dates, times, event types.</summary>
internal static class Words
{
    public static string State(VariantState state) => state switch
    {
        VariantState.Draft => "draft",
        VariantState.InReview => "in review",
        VariantState.Approved => "approved",
        VariantState.Published => "published",
        VariantState.Rejected => "rejected",
        _ => "-",
    };

    /// <summary>The state in its colour (drawn only on a terminal that takes colour).</summary>
    public static IRenderable StateCell(VariantState state) => new Text(State(state), new Style(state switch
    {
        VariantState.Published => Color.Green,
        VariantState.Approved => Color.Teal,
        VariantState.InReview => Color.Yellow,
        VariantState.Rejected => Color.Red,
        _ => Color.Default,
    }));

    public static string Date(Google.Type.Date? date) =>
        date is null ? "-" : $"{date.Year:D4}-{date.Month:D2}-{date.Day:D2}";

    public static string Time(Timestamp? time) =>
        time is null ? "-" : time.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>VARIANT_SUBMITTED as variant-submitted, the form --type takes.</summary>
    public static string EventType(ReleaseEventType type) =>
        string.Concat(type.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? $"-{char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));

    public static string Revision(long revision) => $"r{revision.ToString(CultureInfo.InvariantCulture)}";

    public static Text Cell(string? text) => new(string.IsNullOrEmpty(text) ? "-" : text);

    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column, new Style(decoration: Decoration.Bold))));
        }
        return table;
    }

    /// <summary>At most <paramref name="length"/> characters, cut with "…".</summary>
    public static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
