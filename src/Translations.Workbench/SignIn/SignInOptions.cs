namespace Translations.Workbench.SignIn;

/// <summary>
/// How people sign in, under the service's own setting names (<c>Auth__Authority</c>, <c>Auth__SigningKey</c>,
/// …), so that one set of variables configures both when they run side by side. With an authority, users
/// sign in there (OpenID Connect, code flow with PKCE); without one, in Development only, the
/// <c>/signin</c> page mints a token with the service's development key.
/// </summary>
public sealed class SignInOptions
{
    public const string Section = "Auth";

    /// <summary>The OpenID Connect authority the service trusts.</summary>
    public string? Authority { get; set; }

    /// <summary>Whether the authority's metadata must be fetched over HTTPS (true outside tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Development: a shared HS256 key the service checks tokens with, instead of its key file.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Development: the issuer tokens signed with <see cref="SigningKey"/> carry.</summary>
    public string? Issuer { get; set; }

    /// <summary>Development: the audience tokens signed with <see cref="SigningKey"/> carry.</summary>
    public string? Audience { get; set; }

    /// <summary>Development: where the service keeps its local key, when not in the default place.</summary>
    public string? DevelopmentKeyFile { get; set; }

    public bool UsesAuthority => !string.IsNullOrWhiteSpace(Authority);
}
