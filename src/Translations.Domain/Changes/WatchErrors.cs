namespace Translations.Changes;

/// <summary>The events after <see cref="AfterSequence"/> are partly gone (retention); the client must re-sync.</summary>
public sealed class ChangesExpiredException(long afterSequence, long oldestSequence)
    : Exception($"The change events after sequence {afterSequence} are no longer kept (the oldest kept is {oldestSequence}). "
        + "Re-sync with QueryReleases, then watch again.")
{
    public long AfterSequence { get; } = afterSequence;

    public long OldestSequence { get; } = oldestSequence;
}

/// <summary>The client resumes after a sequence this feed never reached: its position is from elsewhere.</summary>
public sealed class SequenceAheadException(long afterSequence, long lastSequence)
    : Exception($"after_sequence {afterSequence} is beyond the newest change event ({lastSequence}), so it does not come from this service. "
        + "Re-sync with QueryReleases, then watch again.")
{
    public long AfterSequence { get; } = afterSequence;

    public long LastSequence { get; } = lastSequence;
}

/// <summary>
/// A watcher fell more than the allowed backlog behind the change feed and was let go, so that it
/// holds back neither writers nor other watchers. Everything up to <see cref="LastSequence"/> was delivered.
/// </summary>
public sealed class WatcherTooSlowException(long lastSequence, int maxBacklog)
    : Exception($"The watch fell {maxBacklog} or more change events behind and was ended. Resume with after_sequence {lastSequence}.")
{
    public long LastSequence { get; } = lastSequence;

    public int MaxBacklog { get; } = maxBacklog;
}

/// <summary>The server is shutting down; everything up to <see cref="LastSequence"/> was delivered.</summary>
public sealed class WatchInterruptedException(long lastSequence)
    : Exception($"The server is shutting down. Resume with after_sequence {lastSequence}, on any replica.")
{
    public long LastSequence { get; } = lastSequence;
}
