namespace Translations.Changes;

/// <summary>
/// Which change events a watcher wants; each empty set means all. An event without a language
/// concerns the whole release (metadata, delete), so it matches every language filter.
/// </summary>
public sealed record WatchFilter(IReadOnlySet<string> Languages, IReadOnlySet<string> Categories, IReadOnlySet<ChangeEventType> Types)
{
    public static WatchFilter All { get; } = new(new HashSet<string>(), new HashSet<string>(), new HashSet<ChangeEventType>());

    public bool Matches(ChangeEvent change) =>
        (Types.Count == 0 || Types.Contains(change.Type))
        && (Categories.Count == 0 || Categories.Contains(change.Category))
        && (Languages.Count == 0 || change.Language is null || Languages.Contains(change.Language));
}

/// <summary>
/// A watch of the change feed: the events after <see cref="AfterSequence"/> (null: after the last one
/// committed when the watch starts) that belong to its <see cref="View"/> and match <see cref="Filter"/>,
/// each with the release in that view when <see cref="IncludeRelease"/>.
/// </summary>
public sealed record WatchQuery(long? AfterSequence, WatchFilter Filter, bool IncludeRelease, Releases.ReleaseView View = Releases.ReleaseView.Published)
{
    public bool Matches(ChangeEvent change) =>
        (View == Releases.ReleaseView.Draft || change.InPublishedView) && Filter.Matches(change);
}
