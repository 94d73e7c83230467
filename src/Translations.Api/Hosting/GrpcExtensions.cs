using Translations.Backup;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Translations.Access;
using Translations.Editorial;
using Translations.Errors;
using Translations.Hosting;
using Translations.Releases;
using Translations.Translation;

namespace Microsoft.Extensions.Hosting;

public static class GrpcExtensions
{
    public static IHostApplicationBuilder AddTranslationsGrpc(this IHostApplicationBuilder builder)
    {
        builder.Services.AddGrpc(options =>
        {
            options.Interceptors.Add<ErrorMappingInterceptor>();
            options.MaxReceiveMessageSize = 4 * 1024 * 1024;
        });
        builder.Services.AddSafeRequestDecoding();
        // Counted per call (writes, rate-limited calls) and by the change feed, watches and scheduler.
        builder.Services.AddSingleton<ServiceMetrics>();
        builder.Services.AddGrpcReflection();
        // The health probes themselves come with the service defaults (HealthProbeExtensions).
        builder.Services.AddOptions<DrainingOptions>().BindSettings(DrainingOptions.Section).ValidateOnStart();
        // Changes of health are logged once each (and reminded every minute), not every 2 s.
        builder.Services.AddSingleton<IHealthCheckPublisher, HealthStateLogging>();
        builder.Logging.AddFilter(HealthStateLogging.HealthCheckServiceCategory, LogLevel.None);
        return builder;
    }

    public static WebApplication MapTranslationsGrpc(this WebApplication app)
    {
        app.MapGrpcService<ReleaseGrpcService>();
        app.MapGrpcService<EditorialGrpcService>();
        app.MapGrpcService<TranslationGrpcService>();
        app.MapGrpcService<BackupGrpcService>();
        app.MapHealthProbes();
        app.MapGrpcReflectionService().RequireAuthorization(RequiresRightAttribute.PolicyFor(Right.ReadReleases));
        return app;
    }
}
