using Translations.Editorial;
using Translations.Hosting;

namespace Microsoft.Extensions.Hosting;

public static class PublishingExtensions
{
    /// <summary>Scheduled publications, carried out by every replica's <see cref="ScheduledPublisher"/>.</summary>
    public static IHostApplicationBuilder AddScheduledPublishing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PublishingOptions>().BindSettings(PublishingOptions.Section).ValidateOnStart();
        builder.Services.AddHostedService<ScheduledPublisher>();
        return builder;
    }
}
