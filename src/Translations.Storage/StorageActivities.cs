using System.Diagnostics;

namespace Translations.Storage;

/// <summary>
/// A client span per store operation that reaches the database (a read the cache did not answer, a
/// write), on either database: SQLite has no instrumentation of its own, and the hand-written reads
/// and writes bypass EF Core's. Npgsql's command spans, when traced, sit beneath these.
/// </summary>
internal static class StorageActivities
{
    public static readonly ActivitySource Source = new("Translations.Storage");

    /// <summary>Null (and free) when nothing listens.</summary>
    public static Activity? Start(string operation, StorageProvider provider)
    {
        var activity = Source.StartActivity(operation, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("db.system.name", provider.Name.ToLowerInvariant());
            activity.SetTag("db.operation.name", operation);
        }
        return activity;
    }

    public static void Failed(Activity? activity, Exception exception)
    {
        if (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            activity.SetTag("error.type", exception.GetType().FullName);
        }
    }
}
