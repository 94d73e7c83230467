using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Translations.Settings;

namespace Translations.Hosting;

public static class SettingsExtensions
{
    /// <summary>
    /// Binds the options to <paramref name="section"/> and checks their attributes, naming each wrong
    /// value as it is set (<c>Section__Property</c>); add <c>ValidateOnStart()</c> to check at start-up.
    /// </summary>
    public static OptionsBuilder<TOptions> BindSettings<TOptions>(this OptionsBuilder<TOptions> options, string section)
        where TOptions : class
    {
        options.Services.AddSingleton(new SettingsSection(section, typeof(TOptions)));
        options.Services.AddSingleton<IValidateOptions<TOptions>>(new SettingsValidator<TOptions>(section));
        return options.BindConfiguration(section);
    }

    /// <summary>Reads a section while the host is being built, refusing values that cannot be read.</summary>
    public static TOptions GetSettings<TOptions>(this IConfiguration configuration, string section)
        where TOptions : class, new()
    {
        var unreadable = new SettingsSection(section, typeof(TOptions)).UnreadableValues(configuration).ToList();
        return unreadable.Count > 0
            ? throw new InvalidSettingsException(unreadable)
            : configuration.GetSection(section).Get<TOptions>() ?? new TOptions();
    }

    /// <summary>
    /// Checks every bound setting before the host starts: values that cannot be read first, then every
    /// <c>ValidateOnStart</c> check. Wrong settings throw one <see cref="InvalidSettingsException"/>
    /// listing them all, and the host, which has not started, logs nothing about them.
    /// </summary>
    public static WebApplication ValidateSettings(this WebApplication app)
    {
        var unreadable = app.Services.GetServices<SettingsSection>().SelectMany(s => s.UnreadableValues(app.Configuration)).ToList();
        if (unreadable.Count > 0)
        {
            throw new InvalidSettingsException(unreadable);
        }
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException invalid)
        {
            throw new InvalidSettingsException(invalid.Failures);
        }
        catch (AggregateException invalid) when (invalid.InnerExceptions.All(e => e is OptionsValidationException))
        {
            // A validator that reads other options (Changes reads Cache) repeats their failures: listed once.
            throw new InvalidSettingsException(invalid.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures));
        }
        return app;
    }
}
