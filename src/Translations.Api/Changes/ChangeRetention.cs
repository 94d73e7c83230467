using Microsoft.Extensions.Options;
using Translations.Hosting;
using Translations.Storage;

namespace Translations.Changes;

/// <summary>
/// Deletes change events older than <see cref="ChangeFeedOptions.Retention"/>, keeping the newest so
/// that sequences continue from it. Every replica runs it; deleting what another replica deleted is a no-op.
/// </summary>
internal sealed partial class ChangeRetention(
    IChangeFeed changes, IOptions<ChangeFeedOptions> options, TimeProvider time, DatabaseOutageLog outages, ILogger<ChangeRetention> logger)
    : BackgroundService
{
    private const string Worker = "Change retention";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionCheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var deleted = await changes.DeleteChangesBeforeAsync(time.GetUtcNow() - options.Value.Retention, stoppingToken);
                    if (deleted > 0)
                    {
                        LogDeleted(deleted, options.Value.Retention);
                    }
                    outages.Succeeded(Worker);
                }
                catch (Exception e) when (e is not OperationCanceledException && outages.Reported(Worker, e))
                {
                    // The next check tries again.
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} change events older than {Retention}")]
    private partial void LogDeleted(int count, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete expired change events; trying again later")]
    private partial void LogFailed(Exception exception);
}
