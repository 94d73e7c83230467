using System.Text.RegularExpressions;

namespace Translations.Testing;

/// <summary>What a program run as its own process did, and everything it wrote.</summary>
public sealed record ProgramRun(bool ExitedByItself, int ExitCode, string Output, string Errors)
{
    public string AllOutput => Output + Errors;

    /// <summary>How often <paramref name="text"/> appears in everything the program wrote.</summary>
    public int Mentions(string text) => Regex.Count(AllOutput, Regex.Escape(text));

    /// <summary>The lines of everything written that look like the frames of a stack trace.</summary>
    public IEnumerable<string> StackFrames => AllOutput.Split('\n').Where(line => Regex.IsMatch(line, @"^\s+at \S"));
}
