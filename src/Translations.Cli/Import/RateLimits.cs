using Translations.Client;

namespace Translations.Cli.Import;

/// <summary>Long work against the service's write rate limit.</summary>
internal static class RateLimits
{
    /// <summary>A rate-limited call wrote nothing: after the wait the service asks for, the same call is safe to send again.</summary>
    public static async Task<T> WhenNotLimitedAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await call();
            }
            catch (RateLimitedException limited)
            {
                await Task.Delay(limited.RetryDelay ?? TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }
}
