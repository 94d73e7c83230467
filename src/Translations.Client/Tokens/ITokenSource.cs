namespace Translations.Client;

/// <summary>Where the client's bearer tokens come from; asked before every call.</summary>
public interface ITokenSource
{
    /// <summary>The token to send, or null to send none.</summary>
    ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>The service refused the token as expired or invalid: the next <see cref="GetTokenAsync"/> should bring a new one.</summary>
    void Refused()
    {
    }
}

/// <summary>The same token every time.</summary>
public sealed class FixedTokenSource(string? token) : ITokenSource
{
    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(token);
}

/// <summary>A token from the caller's own function.</summary>
public sealed class DelegateTokenSource(Func<CancellationToken, ValueTask<string?>> provider) : ITokenSource
{
    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => provider(cancellationToken);
}
