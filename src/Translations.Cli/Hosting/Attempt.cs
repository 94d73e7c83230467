namespace Translations.Cli.Hosting;

/// <summary>
/// What a command is trying to do, for its failure line: "Could not {What}: why; what to do."
/// <paramref name="OnConflict"/> is what to do after a revision conflict (e.g. "and resubmit").
/// </summary>
internal sealed record Attempt(string What, string? ReleaseId = null, string? Language = null, string OnConflict = "and try again");
