namespace Translations.Cli.Import;

/// <summary>What happened (or, in a dry run, would happen) to one item of an imported file.</summary>
/// <param name="Line">The line the item starts on.</param>
/// <param name="ReleaseDate">The release's date, when known.</param>
/// <param name="Action">created, added, updated, unchanged, skipped or failed (with "would" in a dry run: create, add, update).</param>
/// <param name="Reason">Why it was unchanged, skipped or failed; empty otherwise.</param>
internal sealed record ImportOutcome(int Line, DateOnly? ReleaseDate, string Title, string Action, string? ReleaseId, string Reason);

/// <summary>The words of <see cref="ImportOutcome.Action"/>.</summary>
internal static class ImportActions
{
    public const string Created = "created";
    public const string Added = "added";
    public const string Updated = "updated";
    public const string Unchanged = "unchanged";
    public const string Skipped = "skipped";
    public const string Failed = "failed";
    public const string WouldCreate = "would create";
    public const string WouldAdd = "would add";
    public const string WouldUpdate = "would update";
}
