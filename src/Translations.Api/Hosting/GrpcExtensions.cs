using Translations.Editorial;
using Translations.Errors;
using Translations.Releases;
using Translations.Translation;

namespace Microsoft.Extensions.Hosting;

public static class GrpcExtensions
{
    public static IHostApplicationBuilder AddTranslationsGrpc(this IHostApplicationBuilder builder)
    {
        builder.Services.AddGrpc(options => options.Interceptors.Add<ErrorMappingInterceptor>());
        builder.Services.AddSafeRequestDecoding();
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks();
        return builder;
    }

    public static WebApplication MapTranslationsGrpc(this WebApplication app)
    {
        app.MapGrpcService<ReleaseGrpcService>();
        app.MapGrpcService<EditorialGrpcService>();
        app.MapGrpcService<TranslationGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }
}
