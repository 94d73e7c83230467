using Microsoft.Extensions.Options;
using Translations.Changes;
using Translations.Hosting;
using Translations.Storage;

namespace Microsoft.Extensions.Hosting;

public static class ChangeFeedExtensions
{
    /// <summary>
    /// One follower of the change feed per replica, driving the cache invalidation and the watches;
    /// retention of old events. Register after the storage and the cache.
    /// </summary>
    public static IHostApplicationBuilder AddChangeFeed(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ChangeFeedOptions>().BindSettings(ChangeFeedOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ChangeFeedOptions>, ChangeFeedOptionsValidator>();
        builder.Services.AddSingleton<LiveWatchers>();
        builder.Services.AddSingleton<ReleaseWatch>();
        builder.Services.AddSingleton<ChangeWakeUps>();
        builder.Services.AddSingleton<ChangeFeedProgress>();
        builder.Services.AddHealthChecks().AddCheck<ChangeFeedHealthCheck>("change-feed");
        builder.Services.AddSingleton<IChangeNotifier>(sp => sp.GetRequiredService<ChangeWakeUps>());
        builder.Services.AddHostedService<ChangeFeedFollower>();
        builder.Services.AddHostedService<ChangeRetention>();
        return builder;
    }
}
