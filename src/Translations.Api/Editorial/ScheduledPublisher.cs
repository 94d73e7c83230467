using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Translations.Hosting;
using Translations.Storage;

namespace Translations.Editorial;

public sealed class PublishingOptions
{
    public const string Section = "Publishing";

    /// <summary>How often each replica looks for scheduled publications that fell due.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Carries out scheduled publications when they fall due. They live in the database, so a restart
/// loses none; every replica runs this, and the store lets exactly one carry out each.
/// </summary>
internal sealed partial class ScheduledPublisher(IReleaseStore store, IOptions<PublishingOptions> options, TimeProvider time,
    DatabaseOutageLog outages, ServiceMetrics metrics, ILogger<ScheduledPublisher> logger) : BackgroundService
{
    private const string Worker = "Scheduled publishing";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        try
        {
            do
            {
                await PublishDueAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping, or a start that failed: not an error.
        }
    }

    private async Task PublishDueAsync(CancellationToken stoppingToken)
    {
        // A span for each round that carried out a publication; the idle rounds (every second on every replica) would be noise.
        System.Diagnostics.Activity? activity = null;
        try
        {
            while (await store.PublishNextDueAsync(time.GetUtcNow(), stoppingToken) is { } due)
            {
                activity ??= ServiceMetrics.Activities.StartActivity("ScheduledPublishing run");
                activity?.AddEvent(new System.Diagnostics.ActivityEvent(due.Published is not null ? "published" : "dropped"));
                if (due.Published is not null)
                {
                    LogPublished(due.ReleaseId, string.Join(", ", due.Languages), due.Actor);
                }
                else
                {
                    LogDropped(due.ReleaseId, string.Join(", ", due.Languages), due.Actor, due.Failure ?? "");
                }
            }
            if (metrics.CountsScheduled)
            {
                metrics.Scheduled(await store.CountScheduledPublicationsAsync(time.GetUtcNow(), stoppingToken));
            }
            outages.Succeeded(Worker);
        }
        catch (Exception e) when (e is not OperationCanceledException && outages.Reported(Worker, e))
        {
            // The next tick tries again.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e); // the database may be busy or away: the next tick tries again
        }
        finally
        {
            activity?.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled publication of release {ReleaseId} ({Languages}) by {Actor} carried out")]
    private partial void LogPublished(string releaseId, string languages, string actor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled publication of release {ReleaseId} ({Languages}) by {Actor} dropped: {Reason}")]
    private partial void LogDropped(string releaseId, string languages, string actor, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for scheduled publications failed; retrying at the next tick")]
    private partial void LogFailed(Exception exception);
}
