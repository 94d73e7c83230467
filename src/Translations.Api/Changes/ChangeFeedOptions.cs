using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Translations.Caching;

namespace Translations.Changes;

/// <summary>How each replica follows the change feed (for its cache and its watchers) and how long events are kept.</summary>
public sealed class ChangeFeedOptions
{
    public const string Section = "Changes";

    /// <summary>How often each replica reads new change events when no Redis wake-up arrives.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(400);

    /// <summary>How long change events are kept; watches can resume from within this window.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How many events may wait for one watcher before it is ended with RESOURCE_EXHAUSTED.</summary>
    [Range(1, 1_000_000)]
    public int MaxWatchBacklog { get; set; } = 10_000;

    /// <summary>Expired events are deleted every hour, or every tenth of the retention when that is shorter.</summary>
    public TimeSpan RetentionCheckInterval => Retention / 10 < TimeSpan.FromHours(1) ? Retention / 10 : TimeSpan.FromHours(1);
}

/// <summary>
/// A starting replica learns the revisions changed within the cache's longest entry lifetime from the
/// change feed, so retention must keep at least that much, with room to spare.
/// </summary>
internal sealed class ChangeFeedOptionsValidator(IOptions<CacheOptions> cache) : IValidateOptions<ChangeFeedOptions>
{
    public ValidateOptionsResult Validate(string? name, ChangeFeedOptions options)
    {
        var lifetime = cache.Value.Expiration > cache.Value.LocalExpiration ? cache.Value.Expiration : cache.Value.LocalExpiration;
        return !cache.Value.Enabled || options.Retention >= 2 * lifetime
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{ChangeFeedOptions.Section}__Retention ({options.Retention}) must be at least twice the cache's longest entry lifetime "
                + $"({CacheOptions.Section}__Expiration / {CacheOptions.Section}__LocalExpiration, {lifetime}), as a starting replica learns recent changes "
                + $"from the feed: set it to {2 * lifetime} or more, or shorten the cache's lifetimes.");
    }
}
