using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.Extensions.Options;

namespace Translations.Access;

/// <summary>
/// How bearer tokens are checked: either an OpenID Connect authority (<c>Auth__Authority</c>,
/// <c>Auth__Audience</c>) or a shared HS256 key (<c>Auth__SigningKey</c>, <c>Auth__Issuer</c>,
/// <c>Auth__Audience</c>). The names are fixed: deployments and external checks use them.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Tokens shorter than this many bytes of key are refused, as HS256 needs a 256-bit key.</summary>
    public const int MinimumSigningKeyBytes = 32;

    /// <summary>The OpenID Connect authority whose published keys sign tokens.</summary>
    public string? Authority { get; set; }

    /// <summary>Whether the authority's metadata must be fetched over HTTPS (true outside tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The shared key: its UTF-8 bytes are the HMAC-SHA256 key.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The issuer a token signed with <see cref="SigningKey"/> must name.</summary>
    public string? Issuer { get; set; }

    /// <summary>The audience every token must name.</summary>
    public string? Audience { get; set; }

    /// <summary>How far a token's validity may be off this server's clock.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Development only: where the local signing key is kept when no configuration is given.</summary>
    public string? DevelopmentKeyFile { get; set; }

    public bool UsesAuthority => !string.IsNullOrWhiteSpace(Authority);

    public bool UsesSigningKey => !string.IsNullOrEmpty(SigningKey);
}

internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    private const string Expected =
        "configure either Auth__Authority and Auth__Audience (OpenID Connect), or Auth__SigningKey (at least 32 bytes), Auth__Issuer and Auth__Audience (HS256)";

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        if (options.UsesAuthority && options.UsesSigningKey)
        {
            return ValidateOptionsResult.Fail($"Auth__Authority and Auth__SigningKey are both set; {Expected}.");
        }
        if (!options.UsesAuthority && !options.UsesSigningKey)
        {
            return ValidateOptionsResult.Fail($"No way to check bearer tokens is configured; {Expected}.");
        }
        List<string> problems = [];
        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            problems.Add("Auth__Audience is required: the aud every token must carry, e.g. translations.");
        }
        if (options.UsesAuthority)
        {
            var authority = Uri.TryCreate(options.Authority, UriKind.Absolute, out var url) ? url : null;
            if (authority?.Scheme is not ("https" or "http"))
            {
                problems.Add($"Auth__Authority is \"{options.Authority}\", which is not a URL: write the issuer's address, e.g. https://login.example.org/realms/press.");
            }
            else if (options.RequireHttpsMetadata && authority.Scheme != "https")
            {
                problems.Add("Auth__Authority must be an https URL while Auth__RequireHttpsMetadata is true (set that to false only for tests).");
            }
        }
        if (options.UsesSigningKey)
        {
            if (Encoding.UTF8.GetByteCount(options.SigningKey!) < AuthOptions.MinimumSigningKeyBytes)
            {
                problems.Add($"Auth__SigningKey must be at least {AuthOptions.MinimumSigningKeyBytes} bytes of UTF-8: use a longer random key.");
            }
            if (string.IsNullOrWhiteSpace(options.Issuer))
            {
                problems.Add("Auth__Issuer is required with Auth__SigningKey: the iss every token must carry.");
            }
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
