using Translations.Interchange.Xliff;
using Translations.V1;

namespace Translations.Cli.Export;

/// <summary>A variant's state as XLIFF segment states (README, "XLIFF round trip").</summary>
internal static class XliffStates
{
    public const string Rejected = "tr:rejected";
    public const string Outdated = "tr:outdated";

    /// <summary>
    /// No translation: initial; draft or in review: translated; approved: reviewed; published: final; rejected:
    /// initial with the subState tr:rejected; an outdated translation keeps its state's mapping, with the subState
    /// tr:outdated when it has no other.
    /// </summary>
    public static (XliffState State, string? SubState) Of(Variant? translation) => translation switch
    {
        null => (XliffState.Initial, null),
        { State: VariantState.Rejected } => (XliffState.Initial, Rejected),
        { State: VariantState.Approved } => (XliffState.Reviewed, OutdatedOrNull(translation)),
        { State: VariantState.Published } => (XliffState.Final, OutdatedOrNull(translation)),
        _ => (XliffState.Translated, OutdatedOrNull(translation)),
    };

    private static string? OutdatedOrNull(Variant translation) => translation.Outdated ? Outdated : null;
}
