using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace Translations.Hosting;

/// <summary>
/// Checks the DataAnnotations attributes of an options type, naming each wrong value the way a person
/// sets it (<c>Content__MaxTitleLength</c>) rather than by the C# class and member.
/// </summary>
internal sealed class SettingsValidator<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        List<string> problems = [];
        foreach (var property in typeof(TOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var value = property.GetValue(options);
            foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>(inherit: true))
            {
                if (!attribute.IsValid(value))
                {
                    problems.Add(Describe(SettingsSection.NameOf(section, property.Name), attribute, value));
                }
            }
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static string Describe(string setting, ValidationAttribute attribute, object? value) => attribute switch
    {
        RangeAttribute range => $"{setting} must be between {Format(range.Minimum)} and {Format(range.Maximum)}; it is {Format(value)}.",
        RequiredAttribute => $"{setting} is required.",
        _ => attribute.FormatErrorMessage(setting),
    };

    /// <summary>As the value would be written in a setting: <c>100000</c>, <c>00:00:00.010</c>.</summary>
    private static string Format(object? value) => value switch
    {
        TimeSpan duration => Duration(duration),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "unset",
    };

    private static string Duration(TimeSpan duration)
    {
        var written = duration.ToString("c", CultureInfo.InvariantCulture);
        var fraction = written.IndexOf('.', written.LastIndexOf(':'));
        return fraction < 0 ? written : written.TrimEnd('0').PadRight(fraction + 4, '0');
    }
}
