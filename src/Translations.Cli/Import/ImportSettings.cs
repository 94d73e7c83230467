namespace Translations.Cli.Import;

/// <summary>The choices of one import: the file's language, the title limit, a dry run, review, publication.</summary>
internal sealed record ImportSettings(string Language, int MaxTitleLength, bool DryRun, bool SubmitForReview, bool Publish);
