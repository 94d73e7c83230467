using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Translations.Errors;
using Translations.Hosting;
using Status = Google.Rpc.Status;

namespace Translations.Access;

/// <summary>Writes per caller (<c>sub</c>): a token bucket of <see cref="WriteBurst"/>, refilled with <see cref="WritesPerPeriod"/> every <see cref="Period"/>.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    [Range(1, 1_000_000)]
    public int WritesPerPeriod { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 1_000_000)]
    public int WriteBurst { get; set; } = 100;
}

/// <summary>The rate limiter policy on every write RPC, keyed by the caller's <c>sub</c>.</summary>
public static class WriteRateLimiting
{
    public const string Policy = "writes";

    public static IServiceCollection AddWriteRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindSettings(RateLimitOptions.Section).ValidateOnStart();
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(Policy, context =>
            {
                // Unauthenticated calls never get here: authorization refuses them first.
                if (context.User.FindFirst(CallerClaims.Subject)?.Value is not { } sub)
                {
                    return RateLimitPartition.GetNoLimiter(string.Empty);
                }
                var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                return RateLimitPartition.GetTokenBucketLimiter(sub, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.WriteBurst,
                    TokensPerPeriod = limits.WritesPerPeriod,
                    ReplenishmentPeriod = limits.Period,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.OnRejected = (rejected, _) =>
            {
                rejected.HttpContext.RequestServices.GetRequiredService<ServiceMetrics>()
                    .RateLimited(CallLogging.IsWrite(rejected.HttpContext.GetEndpoint()) ?? "unknown");
                return new ValueTask(RefusalResponse.WriteAsync(rejected.HttpContext, Exhausted(rejected)));
            };
        });
        return services;
    }

    private static Status Exhausted(OnRejectedContext rejected)
    {
        var limits = rejected.HttpContext.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var sub = rejected.HttpContext.User.FindFirst(CallerClaims.Subject)?.Value ?? "";
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return new Status
        {
            Code = (int)Code.ResourceExhausted,
            Message = $"Too many writes by {sub}: at most {limits.WritesPerPeriod} per {limits.Period.TotalSeconds:0.###} s, in bursts of {limits.WriteBurst}; retry after {retryAfter.TotalSeconds:0.###} s.",
            Details =
            {
                Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) }),
                Any.Pack(new QuotaFailure
                {
                    Violations = { new QuotaFailure.Types.Violation { Subject = $"sub:{sub}", Description = "writes per caller" } },
                }),
            },
        };
    }
}
