using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Translations.Workbench.SignIn;

/// <summary>
/// The signed-in person as the workbench keeps them in its cookie: the claims of the access token the
/// service will check (<c>sub</c>, <c>role</c>, <c>lang</c>), and the token itself. The token rides in the
/// principal rather than only in the authentication properties because a Blazor circuit sees the
/// principal (through <see cref="Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider"/>)
/// and never the properties. What the page shows per role is for convenience; the service decides.
/// </summary>
public static class WorkbenchUser
{
    public const string AuthenticationType = "Translations.Workbench";
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Language = "lang";
    public const string AccessToken = "access_token";
    public const string AccessTokenExpires = "access_token_expires";

    public const string Translator = "translator";
    public const string Editor = "editor";
    public const string Admin = "admin";

    /// <summary>For <c>[Authorize(Roles = WorkbenchUser.Editors)]</c> on the editors' pages.</summary>
    public const string Editors = "editor,admin";

    /// <summary>
    /// The principal for an access token: its <c>sub</c>, <c>role</c> and <c>lang</c> claims, read without checking
    /// the signature (the token came from the authority over TLS, or was minted here; the service checks it).
    /// </summary>
    public static ClaimsPrincipal FromAccessToken(string accessToken, string? displayName = null)
    {
        var token = new JsonWebToken(accessToken);
        var identity = new ClaimsIdentity(AuthenticationType, Name, Role);
        var subject = token.Claims.FirstOrDefault(claim => claim.Type == Subject)?.Value ?? "";
        identity.AddClaim(new Claim(Subject, subject));
        identity.AddClaim(new Claim(Name, string.IsNullOrWhiteSpace(displayName) ? subject : displayName));
        identity.AddClaims(token.Claims.Where(claim => claim.Type == Role).Select(claim => new Claim(Role, claim.Value)));
        identity.AddClaims(token.Claims.Where(claim => claim.Type == Language).Select(claim => new Claim(Language, claim.Value.Trim().ToLowerInvariant())));
        identity.AddClaim(new Claim(AccessToken, accessToken));
        if (token.ValidTo > DateTime.MinValue)
        {
            identity.AddClaim(new Claim(AccessTokenExpires, new DateTimeOffset(token.ValidTo, TimeSpan.Zero).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        }
        return new ClaimsPrincipal(identity);
    }

    public static string? TokenOf(ClaimsPrincipal user) => user.FindFirst(AccessToken)?.Value;

    /// <summary>When the user's access token expires; null when it does not say.</summary>
    public static DateTimeOffset? ExpiresOf(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirst(AccessTokenExpires)?.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>The languages a translator may write, in the order the token lists them.</summary>
    public static IReadOnlyList<string> LanguagesOf(ClaimsPrincipal user) =>
        user.FindAll(Language).Select(claim => claim.Value).Distinct(StringComparer.Ordinal).ToList();

    public static bool Translates(ClaimsPrincipal user) => user.IsInRole(Translator);

    public static bool Edits(ClaimsPrincipal user) => user.IsInRole(Editor) || user.IsInRole(Admin);

    /// <summary>Where <c>/</c> takes a user: translators to their queue, editors and admins to theirs.</summary>
    public static string HomeOf(ClaimsPrincipal user) =>
        Edits(user) ? "/review" : Translates(user) ? "/translate" : "/no-access";
}
