using System.Globalization;
using Google.Protobuf.WellKnownTypes;

namespace Translations.Workbench.Releases;

/// <summary>
/// "Publish at": the person types a time in their browser's local time (a datetime-local control); the browser,
/// which knows its own time zone and its daylight saving rules, turns it into an instant in UTC
/// (<c>LanguagePublishing.razor.js</c>), and this checks that instant before it becomes PublishRelease's
/// <c>publish_time</c>.
/// </summary>
public static class PublishSchedule
{
    /// <summary>
    /// The publish time from the browser's ISO 8601 instant (null or empty: nothing usable was typed), or null
    /// with <paramref name="problem"/> saying why not. A time not after <paramref name="now"/> is refused: the
    /// service would publish at once, which is what "Publish" is for.
    /// </summary>
    public static Timestamp? Read(string? utc, DateTimeOffset now, ReleaseText text, out string? problem)
    {
        if (string.IsNullOrWhiteSpace(utc)
            || !DateTimeOffset.TryParse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            problem = text.PublishAtRequired;
            return null;
        }
        if (at <= now)
        {
            problem = text.PublishAtPast;
            return null;
        }
        problem = null;
        return Timestamp.FromDateTimeOffset(at);
    }
}
