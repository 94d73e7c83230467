using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.OpenApi.Models;
using Translations.Errors;
using Translations.Hosting;

namespace Translations.HttpJson;

/// <summary>
/// HTTP/JSON for callers without gRPC: the read RPCs of ReleaseService transcoded from their
/// <c>google.api.http</c> annotations, on an HTTP/1.1 endpoint of their own (<see cref="HttpJsonEndpoint"/>),
/// with an OpenAPI document made from the protos at <see cref="OpenApiPath"/>. The calls pass through the
/// same middleware as gRPC calls (header limits, tokens, rights, call logging) and the same service
/// methods and error mapping, so the checks and the statuses are the same.
/// </summary>
public static class HttpJsonExtensions
{
    public const string OpenApiPath = "/openapi/v1.json";

    public static IHostApplicationBuilder AddHttpJson(this IHostApplicationBuilder builder)
    {
        // The google.rpc details of a refused call are written with their @type. int64 values are JSON
        // numbers (transcoding's default, and what the OpenAPI document says), not strings.
        builder.Services.AddGrpc().AddJsonTranscoding(options => options.TypeRegistry = JsonStatusResponse.ErrorDetails);
        builder.Services.AddSingleton<HttpJsonEndpoint>();
        var kestrel = builder.Configuration.GetSection("Kestrel");
        builder.Services.AddOptions<KestrelServerOptions>().Configure<HttpJsonEndpoint>((options, endpoint) =>
            options.Configure(kestrel, reloadOnChange: true).Endpoint(HttpJsonEndpoint.Name, http => endpoint.Attach(http.ListenOptions)));

        builder.Services.AddGrpcSwagger();
        builder.Services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Translations",
                Version = "v1",
                Description = "Press releases and their language variants, read over HTTP/JSON: the read RPCs of translations.v1.ReleaseService, "
                    + "transcoded from gRPC. Every call needs a bearer token; a refused call answers with the google.rpc.Status as JSON.",
            });
            // The proto comments, which Grpc.Tools writes into the generated code's XML documentation.
            var comments = Path.Combine(AppContext.BaseDirectory, "Translations.Contracts.xml");
            if (File.Exists(comments))
            {
                // The RPCs' and services' comments, then the messages' and fields' (Swashbuckle's own filter).
                options.IncludeGrpcXmlComments(comments, includeControllerXmlComments: true);
                options.IncludeXmlComments(comments);
            }
            options.OperationFilter<StreamedJsonOperations>();
            var bearer = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token from the OpenID Connect authority the service trusts, or from `translations token`.",
                Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = "bearer" },
            };
            options.AddSecurityDefinition("bearer", bearer);
            options.AddSecurityRequirement(new OpenApiSecurityRequirement { [bearer] = [] });
        });
        // AddGrpc() above and in AddGrpcSwagger brought grpc-dotnet's own method binder back.
        builder.Services.AddSafeRequestDecoding();
        return builder;
    }

    /// <summary>
    /// Keeps the HTTP/JSON endpoint and the others apart, and frames streamed responses (<see cref="StreamedJson"/>).
    /// Register first: a request on the wrong endpoint is answered 404 before authentication or logging.
    /// </summary>
    public static WebApplication UseHttpJson(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var allowed = HttpJsonEndpoint.Received(context)
                ? HttpJsonEndpoint.IsRoute(context) || HealthProbes.IsProbe(context.Request.Path) && context.GetEndpoint() is not null
                : !HttpJsonEndpoint.IsRoute(context);
            if (!allowed)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            return StreamedJson.HandleAsync(context, next);
        });
        return app;
    }

    /// <summary>The OpenAPI document, without a token: it describes the calls, it holds no data.</summary>
    public static WebApplication MapHttpJson(this WebApplication app)
    {
        app.MapSwagger(OpenApiPath.Replace("v1", "{documentName}", StringComparison.Ordinal))
            .AllowAnonymous()
            .WithMetadata(new OpenApiDocumentRoute());
        return app;
    }
}
