using Microsoft.Extensions.Options;
using Translations.Client;
using Translations.Workbench.SignIn;

namespace Translations.Workbench.Hosting;

public static class ServiceClientExtensions
{
    /// <summary>
    /// <see cref="TranslationsClient"/> at <c>Workbench__ServiceAddress</c>, sending the signed-in person's
    /// token on every call (<see cref="UserTokenSource"/>), so the service's roles and language scopes apply
    /// to them unchanged. Resolve it from a circuit's or a request's scope, never from the root.
    /// </summary>
    public static IServiceCollection AddWorkbenchClient(this IServiceCollection services)
    {
        // Registered before the client library's own token source, which it adds only when none is.
        services.AddScoped<ITokenSource, UserTokenSource>();
        services.AddTranslationsClient(_ => { });
        services.AddOptions<TranslationsClientOptions>().Configure<IOptions<WorkbenchOptions>>((client, workbench) =>
            client.Address = Uri.TryCreate(workbench.Value.ServiceAddress, UriKind.Absolute, out var address) ? address : null);
        return services;
    }

    public static IHostApplicationBuilder AddServiceClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddWorkbenchClient();
        return builder;
    }
}
