using System.Globalization;

namespace Translations.Workbench.Components;

/// <summary>Dates as the service's messages carry them, shown in ISO form (the same in both interface languages).</summary>
public static class Dates
{
    public static string Format(Google.Type.Date? date) =>
        date is null || date.Year == 0 ? "" : new DateOnly(date.Year, date.Month, date.Day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
