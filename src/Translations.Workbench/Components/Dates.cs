using System.Globalization;

namespace Translations.Workbench.Components;

/// <summary>Dates and times as the service's messages carry them, shown in ISO form (the same in both interface languages).</summary>
public static class Dates
{
    public static string Format(Google.Type.Date? date) =>
        date is null || date.Year == 0 ? "" : new DateOnly(date.Year, date.Month, date.Day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An instant in UTC, "2026-11-29 16:43" (the page says UTC beside it); empty when unset.</summary>
    public static string Utc(Google.Protobuf.WellKnownTypes.Timestamp? time) =>
        time is null ? "" : time.ToDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
