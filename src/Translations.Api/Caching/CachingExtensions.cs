using OpenTelemetry.Trace;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using Translations.Caching;
using Translations.Hosting;
using Translations.Storage;

namespace Microsoft.Extensions.Hosting;

public static class CachingExtensions
{
    public const string RedisConnectionStringName = "Redis";

    /// <summary>
    /// The two-level release cache as a decorator over the store: HybridCache in process, Redis as
    /// L2 when <c>ConnectionStrings:Redis</c> is set, kept coherent across replicas by the change feed.
    /// </summary>
    public static IHostApplicationBuilder AddReleaseCache(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CacheOptions>().BindSettings(CacheOptions.Section).ValidateOnStart();
        var options = builder.Configuration.GetSettings<CacheOptions>(CacheOptions.Section);
        var services = builder.Services;
        // Redis carries the change feed's wake-ups as well as the L2 cache, so it is connected even with caching off.
        var redisConfiguration = builder.Configuration.GetConnectionString(RedisConnectionStringName);
        if (redisConfiguration is { Length: > 0 })
        {
            RedisConnection.CheckConfiguration(redisConfiguration);
            services.AddSingleton(sp => new RedisConnection(redisConfiguration, sp.GetRequiredService<IOptions<CacheOptions>>().Value,
                sp.GetRequiredService<ILogger<RedisConnection>>()));
            services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");
            // Redis commands as child spans of the call that made them, when telemetry is on (Hosting/Telemetry).
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
                .AddRedisInstrumentation(redis => redis.FlushInterval = TimeSpan.FromSeconds(1))
                .ConfigureRedisInstrumentation((sp, redis) => redis.AddConnection(sp.GetRequiredService<RedisConnection>().Multiplexer)));
        }
        if (!options.Enabled)
        {
            return builder;
        }

        services.AddSingleton<CacheMetrics>();
        services.AddSingleton<RevisionWatermarks>();
        services.AddHybridCache(hybrid =>
        {
            hybrid.MaximumPayloadBytes = 8 * 1024 * 1024;
            hybrid.DefaultEntryOptions = new HybridCacheEntryOptions
            {
                Expiration = options.Expiration,
                LocalCacheExpiration = options.LocalExpiration,
                Flags = options.LocalCacheEnabled ? HybridCacheEntryFlags.None : HybridCacheEntryFlags.DisableLocalCache,
            };
        }).AddSerializer<ReleaseEntry, ReleaseCacheSerializer>();

        if (redisConfiguration is { Length: > 0 })
        {
            services.AddSingleton(sp =>
            {
                var connection = sp.GetRequiredService<RedisConnection>();
                var redis = new RedisCache(Options.Options.Create(new RedisCacheOptions
                {
                    InstanceName = "translations:",
                    ConnectionMultiplexerFactory = () => Task.FromResult(connection.Multiplexer),
                }));
                return new ResilientDistributedCache(redis, connection, sp.GetRequiredService<CacheMetrics>());
            });
            services.AddSingleton<IDistributedCache>(sp => sp.GetRequiredService<ResilientDistributedCache>());
        }

        services.AddSingleton<ReleaseCacheKeys>();
        services.AddSingleton(sp => new CachedReleaseStore(
            sp.GetRequiredKeyedService<IReleaseStore>(StorageServiceCollectionExtensions.StoreKey),
            sp.GetRequiredService<HybridCache>(),
            sp.GetRequiredService<ReleaseCacheKeys>(),
            sp.GetRequiredService<RevisionWatermarks>(),
            sp.GetRequiredService<CacheMetrics>(),
            options.LocalCacheEnabled));
        services.AddSingleton<IReleaseStore>(sp => sp.GetRequiredService<CachedReleaseStore>());
        // Driven by the change-feed follower (AddChangeFeed), which also feeds the watches.
        services.AddSingleton<ChangeFeedInvalidator>();
        return builder;
    }
}
