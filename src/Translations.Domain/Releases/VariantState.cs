namespace Translations.Releases;

/// <summary>Where a variant's current revision stands in the workflow; see <see cref="WorkflowRules"/>.</summary>
public enum VariantState
{
    Draft,
    InReview,
    Approved,
    Published,
    Rejected,
}

/// <summary>Which variants a read sees: readers only published ones; translators and editors may ask for the drafts.</summary>
public enum ReleaseView
{
    /// <summary>The published revision of each published variant; unpublished variants do not exist.</summary>
    Published,

    /// <summary>The current revision of every variant, whatever its state.</summary>
    Draft,
}
