using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Translations.Tokens;

/// <summary>The shared-key settings the service checks tokens with: <c>Auth__SigningKey</c>, <c>Auth__Issuer</c>, <c>Auth__Audience</c>.</summary>
public sealed record SigningSettings(string SigningKey, string Issuer, string Audience)
{
    public string Mint(TokenClaims claims, TimeSpan lifetime) => Mint(claims, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow + lifetime);

    /// <summary>A token valid from <paramref name="notBefore"/> until <paramref name="expires"/>; either may lie in the past.</summary>
    public string Mint(TokenClaims claims, DateTimeOffset notBefore, DateTimeOffset expires)
    {
        var payload = new Dictionary<string, object> { ["sub"] = claims.Subject, ["role"] = claims.Roles.ToArray() };
        if (claims.Languages.Count > 0)
        {
            payload["lang"] = claims.Languages.ToArray();
        }
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = notBefore.UtcDateTime,
            NotBefore = notBefore.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = payload,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
