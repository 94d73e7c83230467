namespace Translations.Settings;

/// <summary>
/// Settings a program cannot start with, each named the way it is set (<c>Content__MaxTitleLength</c>)
/// and saying what to do. Program prints the message and exits with code 1, without a stack trace.
/// </summary>
public sealed class InvalidSettingsException(IEnumerable<string> problems) : Exception
{
    public IReadOnlyList<string> Problems { get; } = problems.Distinct().ToList();

    public override string Message => MessageFor("The service");

    /// <summary>The message naming the program that did not start: <c>The workbench did not start. …</c></summary>
    public string MessageFor(string program) =>
        $"{program} did not start. Fix {(Problems.Count == 1 ? "this setting" : "these settings")} and start it again:"
        + string.Concat(Problems.Select(problem => $"{Environment.NewLine}  {problem}"));
}
