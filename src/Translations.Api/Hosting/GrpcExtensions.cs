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
        builder.Services.AddGrpcReflection();
        // Probes read the result the health-check publisher last computed (every 2 s) instead of
        // opening a database connection per probe: cheap under any probe rate, at most 2 s old.
        builder.Services.AddGrpcHealthChecks(options => options.UseHealthChecksCache = true);
        builder.Services.Configure<HealthCheckPublisherOptions>(options =>
        {
            options.Delay = TimeSpan.Zero;
            options.Period = TimeSpan.FromSeconds(2);
        });
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
        app.MapGrpcHealthChecksService().AllowAnonymous();
        app.MapGrpcReflectionService().RequireAuthorization(RequiresRightAttribute.PolicyFor(Right.ReadReleases));
        return app;
    }
}
