using Translations.Client;

namespace Translations.Cli.Hosting;

/// <summary>Long imports slow down rather than fail when the service's write rate limit is reached.</summary>
internal static class RateLimitedCalls
{
    /// <summary>A rate-limited call wrote nothing: after the wait the service asks for, the same call is safe to send again.</summary>
    public static async Task<T> SendAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
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
