namespace Translations.Cli.Hosting;

/// <summary>A failure the command itself found, already worded (why; what to do), with its exit code.</summary>
internal sealed class CliFailure(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>Bad options or an unreadable file: nothing was sent.</summary>
    public static CliFailure Usage(string message) => new(ExitCodes.Usage, message);

    /// <summary>The service's data says no (no such task, no such variant).</summary>
    public static CliFailure Refused(string message) => new(ExitCodes.Refused, message);
}
