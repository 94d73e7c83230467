using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Translations.Hosting;

public static class HealthProbeExtensions
{
    /// <summary>
    /// grpc.health.v1 with a service per probe (<see cref="HealthProbes.Liveness"/>,
    /// <see cref="HealthProbes.Readiness"/>, and "" for readiness), answered from the result the checks
    /// last published (every 2 s) rather than by checking per probe: cheap under any probe rate.
    /// </summary>
    public static IHostApplicationBuilder AddHealthProbes(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReplicaHealth>();
        builder.Services.AddSingleton<IHealthCheckPublisher>(services => services.GetRequiredService<ReplicaHealth>());
        builder.Services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy("running"), tags: [ReplicaHealth.LiveTag])
            .AddCheck<DrainingHealthCheck>("draining");
        builder.Services.AddGrpcHealthChecks(options =>
        {
            // The gRPC service answers from the statuses ReplicaHealth sets; its own publisher maps nothing.
            options.UseHealthChecksCache = true;
            options.Services.Clear();
        });
        builder.Services.Configure<HealthCheckPublisherOptions>(options =>
        {
            // The first round a second after start-up: the background services (the change-feed follower)
            // have started by then, so that a normal start is not reported as a failed check. Until that
            // round, readiness is NOT_SERVING (ReplicaHealth.Starting).
            options.Delay = TimeSpan.FromSeconds(1);
            options.Period = TimeSpan.FromSeconds(2);
        });
        return builder;
    }

    /// <summary>
    /// The gRPC health service, and <see cref="HealthProbes.LivePath"/> and <see cref="HealthProbes.ReadyPath"/>
    /// in plain HTTP (200 or 503, with a small JSON body), on the management endpoint only when one is
    /// configured (<c>Kestrel__Endpoints__Management__Url</c>). All without a token.
    /// </summary>
    public static WebApplication MapHealthProbes(this WebApplication app)
    {
        app.MapGrpcHealthChecksService().AllowAnonymous();
        return app.MapHttpHealthProbes();
    }

    /// <summary>
    /// Only the plain-HTTP probes (<see cref="HealthProbes.LivePath"/>, <see cref="HealthProbes.ReadyPath"/>), for
    /// a process that serves no gRPC (the workbench), on the management endpoint when one is configured.
    /// </summary>
    public static WebApplication MapHttpHealthProbes(this WebApplication app)
    {
        app.Services.GetRequiredService<ReplicaHealth>().Starting();
        var health = app.Services.GetRequiredService<ReplicaHealth>();
        var live = app.MapGet(HealthProbes.LivePath, () => Answer(health.IsAlive, health, live: true)).AllowAnonymous();
        var ready = app.MapGet(HealthProbes.ReadyPath, () => Answer(health.IsReady, health, live: false)).AllowAnonymous();
        if (ManagementPort(app.Configuration) is { } port)
        {
            live.RequireHost($"*:{port}");
            ready.RequireHost($"*:{port}");
        }
        return app;
    }

    /// <summary>
    /// The management endpoint serves the probes and nothing else: any other request that arrives on
    /// its port is answered 404 before authentication, routing to a service or logging. Register first.
    /// </summary>
    public static WebApplication UseManagementEndpoint(this WebApplication app)
    {
        if (ManagementPort(app.Configuration) is { } port)
        {
            app.Use((context, next) =>
            {
                if (context.Connection.LocalPort == port
                    && !(context.Request.Path.Equals(HealthProbes.LivePath) || context.Request.Path.Equals(HealthProbes.ReadyPath)))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }
                return next(context);
            });
        }
        return app;
    }

    private static IResult Answer(bool up, ReplicaHealth health, bool live)
    {
        var report = health.LastReport;
        var entries = report is null ? [] : live
            ? report.Entries.Where(entry => entry.Value.Tags.Contains(ReplicaHealth.LiveTag))
            : ReplicaHealth.ReadinessEntries(report);
        var status = live ? (up ? "alive" : "not alive") : up ? "ready" : health.IsDraining ? "draining" : report is null ? "starting" : "not ready";
        var checks = entries.ToDictionary(entry => entry.Key, entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description });
        return Results.Json(new { status, checks }, JsonSerializerOptions.Web, statusCode: up ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>The management endpoint's port, or null when there is none (or its address is not one: Kestrel reports that itself).</summary>
    private static int? ManagementPort(IConfiguration configuration)
    {
        if (configuration[$"Kestrel:Endpoints:{HealthProbes.ManagementEndpoint}:Url"] is not { Length: > 0 } url)
        {
            return null;
        }
        try
        {
            return BindingAddress.Parse(url).Port;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
