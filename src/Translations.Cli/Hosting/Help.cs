using System.CommandLine;

namespace Translations.Cli.Hosting;

/// <summary>Help texts with an example, and the one line a command-line mistake gets.</summary>
internal static class Help
{
    public static string Describe(string what, string example, string? more = null) =>
        $"{what}\n\nExample:\n  {example}" + (more is null ? "" : $"\n\n{more}");

    public static string UsageError(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var path = command is RootCommand ? "translations" : $"translations {command.Name}";
        var problems = string.Join(" ", parsed.Errors.Select(e => OneLine(e.Message).TrimEnd('.') + "."));
        return $"{problems} See `{path} --help`.";
    }

    /// <summary>One line, as every failure: the parser's own messages list choices on lines of their own.</summary>
    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
