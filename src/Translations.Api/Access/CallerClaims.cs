using System.Security.Claims;

namespace Translations.Access;

/// <summary>The token claims this service reads: <c>sub</c>, <c>role</c> (one or more), <c>lang</c> (one per language).</summary>
public static class CallerClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Language = "lang";

    public static Caller ToCaller(this ClaimsPrincipal user) => new(
        user.FindFirstValue(Subject) ?? throw new InvalidOperationException("An authenticated caller always has a sub claim."),
        user.FindAll(Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        user.FindAll(Language).Select(c => c.Value.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal));
}
