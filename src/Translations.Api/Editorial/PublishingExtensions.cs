using Translations.Editorial;

namespace Microsoft.Extensions.Hosting;

public static class PublishingExtensions
{
    /// <summary>Scheduled publications, carried out by every replica's <see cref="ScheduledPublisher"/>.</summary>
    public static IHostApplicationBuilder AddScheduledPublishing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PublishingOptions>().BindConfiguration(PublishingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<ScheduledPublisher>();
        return builder;
    }
}
