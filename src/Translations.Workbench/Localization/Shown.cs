using System.Globalization;
using Google.Protobuf.WellKnownTypes;

namespace Translations.Workbench.Localization;

/// <summary>Dates and times as the pages show them: release dates in the interface language, instants in UTC.</summary>
public static class Shown
{
    /// <summary>"1 December 2026", "1 декабря 2026"; empty when unset.</summary>
    public static string Date(Google.Type.Date? date) =>
        date is { Year: > 0, Month: > 0, Day: > 0 }
            ? new DateOnly(date.Year, date.Month, date.Day).ToString("d MMMM yyyy", CultureInfo.CurrentCulture)
            : "";

    /// <summary>"2026-11-29 16:43" (UTC, which the page says); empty when unset.</summary>
    public static string Utc(Timestamp? time) => time is null ? "" : Utc(time.ToDateTimeOffset());

    public static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
