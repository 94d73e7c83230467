using System.Diagnostics.Metrics;

namespace Translations.Caching;

/// <summary>The cache's counters, on a meter from the host's <see cref="IMeterFactory"/> (exported later by OpenTelemetry).</summary>
public sealed class CacheMetrics
{
    public const string MeterName = "Translations.Cache";

    public CacheMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        L1Hits = meter.CreateCounter<long>("translations.cache.l1.hits", description: "Release reads answered from process memory.");
        L1Misses = meter.CreateCounter<long>("translations.cache.l1.misses", description: "Release reads that had to look further than process memory.");
        L2Hits = meter.CreateCounter<long>("translations.cache.l2.hits", description: "Redis reads that found the release.");
        L2Misses = meter.CreateCounter<long>("translations.cache.l2.misses", description: "Redis reads that did not find it, or were skipped because Redis was unreachable.");
        StorageReads = meter.CreateCounter<long>("translations.cache.storage.reads", description: "Release reads that went to the database.");
        RedisErrors = meter.CreateCounter<long>("translations.cache.redis.errors", description: "Redis calls that failed or timed out.");
    }

    public Counter<long> L1Hits { get; }
    public Counter<long> L1Misses { get; }
    public Counter<long> L2Hits { get; }
    public Counter<long> L2Misses { get; }
    public Counter<long> StorageReads { get; }
    public Counter<long> RedisErrors { get; }
}
