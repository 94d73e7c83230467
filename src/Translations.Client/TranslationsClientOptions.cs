namespace Translations.Client;

/// <summary>
/// How a <see cref="TranslationsClient"/> reaches the service. Set <see cref="Address"/>, and at most one
/// way to get a token: <see cref="Token"/>, <see cref="TokenProvider"/> or <see cref="ClientCredentials"/>.
/// </summary>
public sealed class TranslationsClientOptions
{
    /// <summary>
    /// The service: <c>http://translations:8080</c> (h2c, inside a cluster), <c>https://…</c>, or
    /// <c>dns:///translations-headless:8080</c> to spread calls over every replica the name resolves to
    /// (round robin; a read whose replica went away is retried on another).
    /// </summary>
    public Uri? Address { get; set; }

    /// <summary>For <c>dns:///</c> and other resolver addresses: whether to use TLS. http and https addresses say it themselves.</summary>
    public bool UseTls { get; set; }

    /// <summary>A fixed bearer token.</summary>
    public string? Token { get; set; }

    /// <summary>A bearer token per call, e.g. from your own token cache; null sends none.</summary>
    public Func<CancellationToken, ValueTask<string?>>? TokenProvider { get; set; }

    /// <summary>Tokens from an OpenID Connect authority with the client-credentials grant, refreshed before they expire.</summary>
    public ClientCredentialsOptions? ClientCredentials { get; set; }

    /// <summary>The deadline of a unary call that sets none (reads and writes alike). Streams have none by default.</summary>
    public TimeSpan DefaultDeadline { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times in all a read (or a write carrying a request_id) is tried when the service is unavailable.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The longest pause between two attempts, and between two reconnections of a watch or a query.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    internal void Validate()
    {
        if (Address is null)
        {
            throw new InvalidOperationException("TranslationsClientOptions.Address is not set: give the service's address, e.g. http://translations:8080.");
        }
        if (new object?[] { Token, TokenProvider, ClientCredentials }.Count(source => source is not null) > 1)
        {
            throw new InvalidOperationException("Set only one of TranslationsClientOptions.Token, TokenProvider and ClientCredentials.");
        }
        if (MaxAttempts is < 1 or > 5)
        {
            throw new InvalidOperationException("TranslationsClientOptions.MaxAttempts must be between 1 and 5.");
        }
        ClientCredentials?.Validate();
    }
}

/// <summary>The client-credentials grant: the client's own id and secret, exchanged at the authority's token endpoint.</summary>
public sealed class ClientCredentialsOptions
{
    /// <summary>The OpenID Connect authority (its discovery document names the token endpoint).</summary>
    public Uri? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Optional: the scopes to ask for, space-separated.</summary>
    public string? Scope { get; set; }

    /// <summary>A token is replaced this long before it expires (or halfway through its life, if that is sooner).</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(1);

    internal void Validate()
    {
        if (Authority is null || string.IsNullOrEmpty(ClientId) || string.IsNullOrEmpty(ClientSecret))
        {
            throw new InvalidOperationException("ClientCredentials needs Authority, ClientId and ClientSecret.");
        }
    }
}
