using System.Buffers;
using System.Text;

namespace Translations.Access;

/// <summary>
/// An authenticated caller: <see cref="Id"/> is the token's <c>sub</c> and the author of every revision
/// it writes; <see cref="Languages"/> are its <c>lang</c> claims, which scope a translator's writes.
/// </summary>
public sealed record Caller(string Id, IReadOnlySet<string> Roles, IReadOnlySet<string> Languages)
{
    /// <summary>The longest <c>sub</c> accepted: it is stored as an author and written into logs.</summary>
    public const int MaxIdLength = 256;

    /// <summary>
    /// Why <paramref name="id"/> cannot name a caller, or null when it can: it must be 1-256 characters,
    /// not blank, without outer white space, control characters, line separators or unpaired surrogates.
    /// </summary>
    public static string? ProblemWithId(string id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return "is empty or blank";
        }
        if (id.Length > MaxIdLength)
        {
            return $"is longer than {MaxIdLength} characters";
        }
        if (char.IsWhiteSpace(id[0]) || char.IsWhiteSpace(id[^1]))
        {
            return "starts or ends with white space";
        }
        int used;
        for (var i = 0; i < id.Length; i += used)
        {
            if (Rune.DecodeFromUtf16(id.AsSpan(i), out var rune, out used) != OperationStatus.Done
                || Rune.IsControl(rune) || rune.Value is 0x2028 or 0x2029)
            {
                return "contains a control character, a line separator or an unpaired surrogate";
            }
        }
        return null;
    }

    public bool Has(Right right) => Access.Roles.Granting(right).Any(Roles.Contains);

    public void Ensure(Right right)
    {
        if (!Has(right))
        {
            throw MissingRight(right);
        }
    }

    /// <summary>The refusal of a call that needs <paramref name="right"/>, naming it and the roles that grant it.</summary>
    public AccessDeniedException MissingRight(Right right) => new(right, null,
        $"This call needs the right {Access.Roles.NameOf(right)}, granted to the roles {string.Join(", ", Access.Roles.Granting(right))}; "
        + $"the caller's roles are {Describe(Roles)}.");

    /// <summary>The draft view holds unpublished texts: it is for those who work on them.</summary>
    public void EnsureMayReadDrafts()
    {
        if (!Has(Right.ReadDrafts))
        {
            throw new AccessDeniedException(Right.ReadDrafts, null,
                $"The draft view is for the roles {string.Join(", ", Access.Roles.Granting(Right.ReadDrafts))} "
                + $"(right {Access.Roles.NameOf(Right.ReadDrafts)}); the caller's roles are {Describe(Roles)}. Readers read the published view: leave view unset.");
        }
    }

    /// <summary>
    /// Editors and admins write every variant. A translator writes only the languages of its
    /// <c>lang</c> claims, and never a release's source variant, which belongs to the editors.
    /// </summary>
    public void EnsureMayWriteVariant(string language, string sourceLanguage)
    {
        if (language == sourceLanguage)
        {
            if (!Has(Right.WriteSourceVariants))
            {
                throw new AccessDeniedException(Right.WriteSourceVariants, language,
                    $"{language} is this release's source language; writing the source variant needs the right "
                    + $"{Access.Roles.NameOf(Right.WriteSourceVariants)}, granted to the roles {string.Join(", ", Access.Roles.Granting(Right.WriteSourceVariants))}.");
            }
            return;
        }
        Ensure(Right.WriteVariants);
        if (!Has(Right.WriteSourceVariants) && !Languages.Contains(language))
        {
            throw new AccessDeniedException(Right.WriteVariants, language,
                $"Writing the {language} variant needs the right {Access.Roles.NameOf(Right.WriteVariants)} for {language}; "
                + $"the caller's lang claims are {Describe(Languages)}.");
        }
    }

    /// <summary>Whether the caller may work on translations into <paramref name="language"/> at all.</summary>
    public void EnsureMayTranslateInto(string language)
    {
        Ensure(Right.WriteVariants);
        if (!Has(Right.WriteSourceVariants) && !Languages.Contains(language))
        {
            throw new AccessDeniedException(Right.WriteVariants, language,
                $"Translating into {language} needs the right {Access.Roles.NameOf(Right.WriteVariants)} for {language}; "
                + $"the caller's lang claims are {Describe(Languages)}.");
        }
    }

    private static string Describe(IReadOnlySet<string> values) => values.Count == 0 ? "(none)" : string.Join(", ", values.Order());
}

/// <summary>A valid caller without the right a call needs; <see cref="Language"/> when the right is scoped to one.</summary>
public sealed class AccessDeniedException(Right right, string? language, string message) : Exception(message)
{
    public Right Right { get; } = right;
    public string? Language { get; } = language;
}
