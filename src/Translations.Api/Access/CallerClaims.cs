using System.Security.Claims;

namespace Translations.Access;

/// <summary>The token claims this service reads: <c>sub</c>, <c>role</c> (one or more), <c>lang</c> (one per language).</summary>
public static class CallerClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Language = "lang";

    /// <summary>Why a token's <c>sub</c> claim cannot name a caller (<see cref="Caller.ProblemWithId"/>), or null when it can.</summary>
    public static string? ProblemWithSubject(Claim? subject) =>
        subject is null ? "has no sub claim"
        : subject.ValueType != ClaimValueTypes.String ? "has a sub claim that is not a string"
        : Caller.ProblemWithId(subject.Value) is { } problem ? $"has a sub claim that {problem}"
        : null;

    public static Caller ToCaller(this ClaimsPrincipal user) => new(
        user.FindFirstValue(Subject) ?? throw new InvalidOperationException("An authenticated caller always has a sub claim."),
        user.FindAll(Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        user.FindAll(Language).Select(c => c.Value.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal));
}
