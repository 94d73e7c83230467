using Translations.Backup;
using Microsoft.Extensions.Options;
using Translations.Editorial;
using Translations.Hosting;
using Translations.Languages;
using Translations.Releases;
using Translations.Translation;
using Translations.Validation;

namespace Microsoft.Extensions.Hosting;

public static class DomainExtensions
{
    /// <summary>Languages, content limits and the request readers, validated at start-up.</summary>
    public static IHostApplicationBuilder AddReleaseRules(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<LanguageOptions>().BindSettings(LanguageOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<LanguageOptions>, LanguageOptionsValidator>();
        builder.Services.AddSingleton(sp => new LanguageSettings(sp.GetRequiredService<IOptions<LanguageOptions>>().Value));
        builder.Services.AddOptions<ContentLimits>().BindSettings(ContentLimits.Section).ValidateOnStart();
        builder.Services.AddSingleton(sp => new ContentRules(sp.GetRequiredService<IOptions<ContentLimits>>().Value));
        builder.Services.AddSingleton<ReleaseRequests>();
        builder.Services.AddSingleton<EditorialRequests>();
        builder.Services.AddSingleton<TranslationRequests>();
        builder.Services.AddSingleton<BackupRequests>();
        return builder;
    }

    private sealed class LanguageOptionsValidator : IValidateOptions<LanguageOptions>
    {
        public ValidateOptionsResult Validate(string? name, LanguageOptions options) =>
            LanguageSettings.ProblemsWith(options) is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
