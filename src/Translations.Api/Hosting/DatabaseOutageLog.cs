using Translations.Storage;

namespace Translations.Hosting;

/// <summary>
/// How a background worker (the change-feed follower, scheduled publishing, retention) reports a
/// database that is away: one warning when its first round fails, without a stack trace since the cause
/// is known, nothing while the database stays away and every round fails the same way, and one line when
/// a round succeeds again. Any other failure is for the worker to log in full.
/// </summary>
public sealed partial class DatabaseOutageLog(StorageProvider storage, ILogger<DatabaseOutageLog> logger)
{
    private readonly HashSet<string> _away = [];

    /// <summary>True when <paramref name="failure"/> means the database is away (and it has been reported).</summary>
    public bool Reported(string worker, Exception failure)
    {
        if (!storage.IsUnavailable(failure))
        {
            return false;
        }
        bool first;
        lock (_away)
        {
            first = _away.Add(worker);
        }
        if (first)
        {
            LogAway(worker, storage.Name, failure.GetBaseException().Message.ReplaceLineEndings(" "));
        }
        return true;
    }

    public void Succeeded(string worker)
    {
        bool wasAway;
        lock (_away)
        {
            wasAway = _away.Remove(worker);
        }
        if (wasAway)
        {
            LogBack(worker);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Worker}: the release database ({Provider}) cannot be reached ({Reason}); retrying until it can")]
    private partial void LogAway(string worker, string provider, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Worker}: the release database can be reached again")]
    private partial void LogBack(string worker);
}
