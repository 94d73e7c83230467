using Translations.Settings;
using StackExchange.Redis;
using Translations.Hosting;

namespace Translations.Caching;

/// <summary>
/// The one StackExchange.Redis connection of this replica, shared by the L2 cache and the change
/// wake-ups. It never blocks start-up or a call for longer than <see cref="CacheOptions.RedisTimeout"/>
/// and reconnects by itself when Redis comes back.
/// </summary>
public sealed partial class RedisConnection : IAsyncDisposable
{
    private static readonly RedisChannel ChangesChannel = RedisChannel.Literal("translations:changes");
    private readonly ILogger<RedisConnection> _logger;

    public RedisConnection(string configuration, CacheOptions options, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        var redis = CheckConfiguration(configuration);
        var timeout = (int)options.RedisTimeout.TotalMilliseconds;
        redis.AbortOnConnectFail = false;
        redis.ConnectTimeout = Math.Max(timeout, 100);
        redis.SyncTimeout = timeout;
        redis.AsyncTimeout = timeout;
        redis.ConnectRetry = 1;
        redis.ReconnectRetryPolicy = new LinearRetry(250);
        Endpoint = string.Join(",", redis.EndPoints);
        Multiplexer = ConnectionMultiplexer.Connect(redis);
        Multiplexer.ConnectionFailed += (_, e) => { if (e.ConnectionType == ConnectionType.Interactive) { LogLost(Endpoint, e.FailureType); } };
        Multiplexer.ConnectionRestored += (_, e) => { if (e.ConnectionType == ConnectionType.Interactive) { LogRestored(Endpoint); Restored?.Invoke(); } };
        LogStarted(Endpoint, Multiplexer.IsConnected ? "connected" : "not reachable yet; serving from L1 and the database until it is");
    }

    /// <summary>The parsed <c>ConnectionStrings__Redis</c>, or a start-up refusal naming it.</summary>
    public static ConfigurationOptions CheckConfiguration(string configuration)
    {
        try
        {
            return ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException invalid)
        {
            // The reason names the keyword or value that was refused, never the rest (which may hold a password).
            var reason = invalid.ParamName is null ? invalid.Message : invalid.Message.Replace($" (Parameter '{invalid.ParamName}')", "", StringComparison.Ordinal);
            throw new InvalidSettingsException([
                $"ConnectionStrings__{CachingExtensions.RedisConnectionStringName} is not a Redis configuration ({reason.TrimEnd('.')}); "
                + "write host:port with StackExchange.Redis options, e.g. redis:6379,ssl=true,password=..."]);
        }
    }

    public IConnectionMultiplexer Multiplexer { get; }

    public string Endpoint { get; }

    public bool IsConnected => Multiplexer.IsConnected;

    /// <summary>Raised when the connection to Redis is back.</summary>
    public event Action? Restored;

    /// <summary>Tells the other replicas that change events were appended. A wake-up only: losing it costs one poll interval.</summary>
    public void PublishChange(long sequence)
    {
        if (IsConnected)
        {
            Multiplexer.GetSubscriber().Publish(ChangesChannel, sequence, CommandFlags.FireAndForget);
        }
    }

    /// <summary>Calls <paramref name="onChange"/> with the sequence committed whenever any replica publishes a change; survives reconnects.</summary>
    public Task SubscribeToChangesAsync(Action<long> onChange) =>
        Multiplexer.GetSubscriber().SubscribeAsync(ChangesChannel, (_, message) => onChange(message.TryParse(out long sequence) ? sequence : 0));

    public async ValueTask DisposeAsync() => await Multiplexer.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis L2 cache at {Endpoint}: {State}")]
    private partial void LogStarted(string endpoint, string state);

    // At Debug: the redis health check logs the outage once, as Degraded, and its end (Hosting/HealthStateLogging).
    [LoggerMessage(Level = LogLevel.Debug, Message = "Lost Redis at {Endpoint} ({Failure}); serving from L1 and the database")]
    private partial void LogLost(string endpoint, ConnectionFailureType failure);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Redis at {Endpoint} is back; using the L2 cache again")]
    private partial void LogRestored(string endpoint);
}
