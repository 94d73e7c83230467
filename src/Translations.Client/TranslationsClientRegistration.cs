using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Translations.V1;

namespace Translations.Client;

/// <summary><c>services.AddTranslationsClient(o => o.Address = new Uri("http://translations:8080"))</c>, then inject <see cref="TranslationsClient"/>.</summary>
public static class TranslationsClientRegistration
{
    /// <summary>The named HttpClient that talks to the OpenID Connect authority for <see cref="ClientCredentialsOptions"/>.</summary>
    public const string AuthorityHttpClient = "Translations.Client.Authority";

    /// <summary>
    /// Registers <see cref="TranslationsClient"/> and the three generated gRPC clients through
    /// Grpc.Net.ClientFactory: the token source chosen in the options, the default deadline, retries of
    /// reads on UNAVAILABLE (with backoff, on another replica when the address resolves to several), and
    /// round-robin over the resolved replicas.
    /// </summary>
    public static IServiceCollection AddTranslationsClient(this IServiceCollection services, Action<TranslationsClientOptions> configure)
    {
        services.AddOptions<TranslationsClientOptions>().Configure(configure).Validate(options =>
        {
            options.Validate();
            return true;
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(AuthorityHttpClient);
        services.TryAddSingleton(TokenSourceFor);
        AddGrpcClient<ReleaseService.ReleaseServiceClient>(services);
        AddGrpcClient<EditorialService.EditorialServiceClient>(services);
        AddGrpcClient<TranslationService.TranslationServiceClient>(services);
        // A release's backup (its whole history) may be larger than other messages: up to 64 MiB, as the service allows.
        AddGrpcClient<BackupService.BackupServiceClient>(services, maxMessageSize: 64 * 1024 * 1024);
        services.TryAddTransient<TranslationsClient>();
        return services;
    }

    private static TranslationsClientOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<TranslationsClientOptions>>().Value;

    private static ITokenSource TokenSourceFor(IServiceProvider services)
    {
        var options = Options(services);
        return options switch
        {
            { ClientCredentials: { } credentials } => new ClientCredentialsTokenSource(
                services.GetRequiredService<IHttpClientFactory>().CreateClient(AuthorityHttpClient), credentials, services.GetRequiredService<TimeProvider>()),
            { TokenProvider: { } provider } => new DelegateTokenSource(provider),
            _ => new FixedTokenSource(options.Token),
        };
    }

    private static void AddGrpcClient<TClient>(IServiceCollection services, int? maxMessageSize = null)
        where TClient : class =>
        services.AddGrpcClient<TClient>((provider, factory) => factory.Address = Options(provider).Address)
            .ConfigureChannel((provider, channel) =>
            {
                var options = Options(provider);
                channel.ServiceConfig = ServiceConfigFor(options);
                if (maxMessageSize is { } size)
                {
                    channel.MaxReceiveMessageSize = size;
                    channel.MaxSendMessageSize = size;
                }
                if (options.Address!.Scheme != Uri.UriSchemeHttps && options.Address.Scheme != Uri.UriSchemeHttp)
                {
                    channel.Credentials = options.UseTls ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure;
                }
                // Tokens go over h2c only when the address says http: inside a cluster, by the operator's choice.
                channel.UnsafeUseInsecureChannelCallCredentials = true;
                channel.ServiceProvider = provider;
            })
            .AddCallCredentials(async (context, metadata, provider) =>
            {
                if (await provider.GetRequiredService<ITokenSource>().GetTokenAsync(context.CancellationToken) is { Length: > 0 } token)
                {
                    metadata.Add("authorization", $"Bearer {token}");
                }
            })
            .AddInterceptor(provider => new DefaultDeadlineInterceptor(Options(provider).DefaultDeadline));

    /// <summary>
    /// Reads are retried on UNAVAILABLE, a stream only before its first response (gRPC's rule); writes are
    /// not, since a write without a request_id may have been applied: <see cref="TranslationsClient"/>
    /// retries the ones it gives a request_id itself.
    /// </summary>
    internal static ServiceConfig ServiceConfigFor(TranslationsClientOptions options) => new()
    {
        LoadBalancingConfigs = { new RoundRobinConfig() },
        MethodConfigs =
        {
            new MethodConfig
            {
                Names =
                {
                    Method(ReleaseService.Descriptor, "GetRelease"),
                    Method(ReleaseService.Descriptor, "BatchGetReleases"),
                    Method(ReleaseService.Descriptor, "QueryReleases"),
                    Method(ReleaseService.Descriptor, "SearchReleases"),
                    Method(TranslationService.Descriptor, "ListVariantRevisions"),
                    Method(TranslationService.Descriptor, "ListTranslationTasks"),
                    Method(EditorialService.Descriptor, "ListReviewTasks"),
                    Method(BackupService.Descriptor, "ExportReleases"),
                },
                RetryPolicy = RetryPolicyFor(options),
            },
        },
    };

    internal static RetryPolicy RetryPolicyFor(TranslationsClientOptions options) => new()
    {
        MaxAttempts = options.MaxAttempts,
        InitialBackoff = TimeSpan.FromMilliseconds(200),
        MaxBackoff = options.MaxRetryDelay,
        BackoffMultiplier = 2,
        RetryableStatusCodes = { StatusCode.Unavailable },
    };

    private static MethodName Method(Google.Protobuf.Reflection.ServiceDescriptor service, string method) =>
        new() { Service = service.FullName, Method = service.FindMethodByName(method)?.Name ?? throw new InvalidOperationException($"{service.FullName} has no {method}.") };
}
