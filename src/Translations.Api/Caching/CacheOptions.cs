using System.ComponentModel.DataAnnotations;

namespace Translations.Caching;

/// <summary>The release cache: in-process L1, Redis L2 when <c>ConnectionStrings:Redis</c> is set.</summary>
public sealed class CacheOptions
{
    public const string Section = "Cache";

    /// <summary>False turns caching off: every read goes to the database.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>False keeps entries out of process memory, so every read goes to Redis (for measurements).</summary>
    public bool LocalCacheEnabled { get; set; } = true;

    /// <summary>How long a release stays in L1.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LocalExpiration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a release stays in Redis.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Expiration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest any call waits on Redis (connect, read, write) before going on without it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30")]
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromMilliseconds(250);
}
