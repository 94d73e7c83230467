using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Translations.Workbench.Live;

public static class LiveExtensions
{
    /// <summary>One <see cref="LiveChanges"/> per circuit, watching with that circuit's person's token.</summary>
    public static IHostApplicationBuilder AddLiveChanges(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<LiveChanges>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }
}
