using Duende.IdentityModel.Client;

namespace Translations.Client;

/// <summary>
/// Tokens from an OpenID Connect authority with the client-credentials grant (Duende.IdentityModel):
/// the token endpoint is found through the discovery document, a token is kept until
/// <see cref="ClientCredentialsOptions.RefreshBeforeExpiry"/> before it expires (or half its life) and
/// then replaced; concurrent calls share one request to the authority.
/// </summary>
public sealed class ClientCredentialsTokenSource(HttpClient http, ClientCredentialsOptions options, TimeProvider time) : ITokenSource
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _tokenEndpoint;
    private Token? _current;

    private sealed record Token(string Value, DateTimeOffset RefreshAt);

    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _current) is { } fresh && time.GetUtcNow() < fresh.RefreshAt)
        {
            return fresh.Value;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } renewed && time.GetUtcNow() < renewed.RefreshAt)
            {
                return renewed.Value;
            }
            var response = await http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
            {
                Address = _tokenEndpoint ??= await FindTokenEndpointAsync(cancellationToken),
                ClientId = options.ClientId!,
                ClientSecret = options.ClientSecret,
                Scope = options.Scope,
            }, cancellationToken);
            if (response.IsError || string.IsNullOrEmpty(response.AccessToken))
            {
                throw new TokenSourceException($"The authority {options.Authority} gave no token for client '{options.ClientId}': {response.Error ?? "no access_token"}"
                    + (response.ErrorDescription is { Length: > 0 } description ? $" ({description})" : "") + ". Check ClientId, ClientSecret and Scope.");
            }
            var lifetime = TimeSpan.FromSeconds(Math.Max(response.ExpiresIn, 0));
            var keep = lifetime - options.RefreshBeforeExpiry < lifetime / 2 ? lifetime / 2 : lifetime - options.RefreshBeforeExpiry;
            Volatile.Write(ref _current, new Token(response.AccessToken, time.GetUtcNow() + keep));
            return response.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Refused() => Volatile.Write(ref _current, null);

    private async Task<string> FindTokenEndpointAsync(CancellationToken cancellationToken)
    {
        var discovery = await http.GetDiscoveryDocumentAsync(new DiscoveryDocumentRequest
        {
            Address = options.Authority!.ToString(),
            // An http authority is a deliberate choice (inside a cluster); https is required otherwise.
            Policy = { RequireHttps = options.Authority.Scheme == Uri.UriSchemeHttps },
        }, cancellationToken);
        if (discovery.IsError || string.IsNullOrEmpty(discovery.TokenEndpoint))
        {
            throw new TokenSourceException($"The authority {options.Authority} has no usable discovery document: {discovery.Error ?? "no token_endpoint"}. Check ClientCredentials.Authority.");
        }
        return discovery.TokenEndpoint;
    }
}

/// <summary>No token could be obtained for a call; nothing was sent to the service.</summary>
public sealed class TokenSourceException(string message) : Exception(message);
