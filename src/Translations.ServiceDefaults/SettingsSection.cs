using System.ComponentModel;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Translations.Hosting;

/// <summary>
/// A configuration section bound to an options type. The binder refuses a value it cannot convert
/// (<c>10m</c> for a duration) with an exception that names neither the setting nor how to write it,
/// so each value is tried here first, property by property, with the binder itself.
/// </summary>
internal sealed record SettingsSection(string Section, Type Type)
{
    /// <summary>How a setting is written as an environment variable: <c>Section__Property</c>.</summary>
    public static string NameOf(string section, string property) => $"{section.Replace(":", "__", StringComparison.Ordinal)}__{property}";

    /// <summary>A line per value that cannot be converted to its property's type, saying how to write it.</summary>
    public IEnumerable<string> UnreadableValues(IConfiguration configuration)
    {
        List<string> problems = [];
        foreach (var property in Type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && IsSingleValue(p.PropertyType)))
        {
            var value = configuration.GetSection($"{Section}:{property.Name}");
            if (value.Value is null)
            {
                continue;
            }
            try
            {
                value.Get(property.PropertyType);
            }
            catch (InvalidOperationException)
            {
                problems.Add($"{NameOf(Section, property.Name)} is \"{value.Value}\", {HowToWrite(property.PropertyType)}.");
            }
        }
        return problems;
    }

    private static bool IsSingleValue(Type type) =>
        type != typeof(string) && TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string));

    private static string HowToWrite(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(TimeSpan) => "which is not a duration: write hh:mm:ss (e.g. 00:10:00) or d.hh:mm:ss (e.g. 7.00:00:00)",
        var t when t == typeof(int) || t == typeof(long) => "which is not a whole number: write digits only, e.g. 300",
        var t when t == typeof(bool) => "which is neither true nor false: write true or false",
        var t => $"which cannot be read as {t.Name}",
    };
}
