using System.CommandLine;
using System.CommandLine.Help;
using Translations.Cli.Changes;
using Translations.Cli.Editorial;
using Translations.Cli.Export;
using Translations.Cli.Hosting;
using Translations.Cli.Import;
using Translations.Cli.Releases;
using Translations.Cli.Tokens;
using Translations.Cli.Translation;

namespace Translations.Cli;

/// <summary>The <c>translations</c> command: its subcommands, and one run of it with its output, errors and environment.</summary>
public static class TranslationsCli
{
    /// <summary>
    /// Runs the command line <paramref name="args"/>: data on <paramref name="output"/>, one line per failure on
    /// <paramref name="error"/>; the environment is the process's unless given. Returns the exit code (<see cref="ExitCodes"/>).
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error,
        IReadOnlyDictionary<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        var cli = new CliContext(output, error, environment);
        var root = new RootCommand(Help.Describe(
            "Press releases and their translations, from a terminal: finding, what needs translating, submitting, reviewing, publishing, watching.",
            "translations tasks --lang en --address 127.0.0.1:5080 --token $TRANSLATOR",
            ExitCodes.Description))
        {
            GetCommand.Create(cli),
            QueryCommand.Create(cli),
            SearchCommand.Create(cli),
            WatchCommand.Create(cli),
            TasksCommand.Create(cli),
            SubmitCommand.Create(cli),
            ReviewCommand.Create(cli),
            PublishCommand.Create(cli),
            UnpublishCommand.Create(cli),
            TokenCommand.Create(cli),
            ImportCommand.Create(cli),
            ExportCommand.Create(cli),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not HelpAction)
        {
            error.WriteLine(Help.UsageError(parsed));
            return ExitCodes.Usage;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration
        {
            Output = output,
            Error = error,
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        }, cancellationToken);
    }
}
