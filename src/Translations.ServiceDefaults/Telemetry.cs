using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Translations.Hosting;

/// <summary>
/// OpenTelemetry for every Translations process, set up here and nowhere else: traces, metrics and
/// logs (with trace and span ids), exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or a
/// signal's own endpoint) is set, with the standard <c>OTEL_*</c> variables honoured
/// (<c>OTEL_SERVICE_NAME</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>, <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>,
/// <c>OTEL_EXPORTER_OTLP_HEADERS</c>…). With no endpoint nothing is registered: no span is recorded,
/// no metric aggregated, so telemetry off costs nothing. Parts of the service add their own activity
/// sources and meters (named <c>Translations.*</c>, picked up here) and instrumentation through
/// <c>ConfigureOpenTelemetryTracerProvider</c>, which takes effect only when telemetry is on.
/// </summary>
public static class Telemetry
{
    /// <summary>Every activity source and meter of this service is named with this prefix.</summary>
    public const string Prefix = "Translations";

    /// <summary>The service name when <c>OTEL_SERVICE_NAME</c> does not give one.</summary>
    public const string DefaultServiceName = "translations";

    private static readonly string[] EndpointSettings =
        ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"];

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        // Log records carry the trace and span ids of the call they belong to.
        builder.Logging.Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Services.AddSingleton<IStartupFilter, GrpcServerSpans>();
        if (!IsExported(builder.Configuration))
        {
            return builder;
        }
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES are read by the SDK itself; a name given there wins.
                if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"])
                    && builder.Configuration["OTEL_RESOURCE_ATTRIBUTES"]?.Contains("service.name=", StringComparison.Ordinal) != true)
                {
                    resource.AddService(DefaultServiceName);
                }
            })
            .WithTracing(tracing => tracing.AddTranslationsTracing())
            .WithMetrics(metrics => metrics.AddTranslationsMetrics())
            .WithLogging(logging => { }, options =>
            {
                options.IncludeFormattedMessage = true;
                options.IncludeScopes = true;
            })
            .UseOtlpExporter();
        return builder;
    }

    /// <summary>Whether an OTLP endpoint is configured for any signal.</summary>
    public static bool IsExported(IConfiguration configuration) =>
        EndpointSettings.Any(setting => !string.IsNullOrWhiteSpace(configuration[setting]));

    /// <summary>
    /// A server span per gRPC call (<c>rpc.system</c>, <c>rpc.service</c>, <c>rpc.method</c>,
    /// <c>rpc.grpc.status_code</c>, named <c>service/method</c>), child spans for database commands (the
    /// store's own spans on either database, EF Core's and Npgsql's commands beneath them) and for
    /// Redis, and the service's own background work. Health probes are not traced: orchestrators call
    /// them every few seconds on every replica, and they say nothing about a caller's request.
    /// </summary>
    public static TracerProviderBuilder AddTranslationsTracing(this TracerProviderBuilder tracing) =>
        tracing
            .AddSource(Prefix, $"{Prefix}.*")
            .AddSource("Npgsql")
            .AddSource("Microsoft.AspNetCore")
            .AddEntityFrameworkCoreInstrumentation();

    /// <summary>ASP.NET Core's requests and Kestrel's connections, the .NET runtime, the process, Npgsql's pool, and the service's own meters.</summary>
    public static MeterProviderBuilder AddTranslationsMetrics(this MeterProviderBuilder metrics) =>
        metrics
            .AddMeter(Prefix, $"{Prefix}.*")
            .AddMeter("Npgsql")
            // ASP.NET Core's request metrics and Kestrel's connections; not its routing, authentication,
            // authorization and memory-pool meters, which AddAspNetCoreInstrumentation would add too,
            // at about 3% of the server's CPU per call (docs/benchmarks.md, Telemetry).
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddRuntimeInstrumentation()
            .AddProcessInstrumentation();
}
