using System.CommandLine;
using Google.Protobuf;
using Spectre.Console;
using Translations.Client;

namespace Translations.Cli.Hosting;

/// <summary>
/// One run of the command: where data and failures go, the environment it reads, the console that draws
/// tables (colour only on a terminal without NO_COLOR), and how a command that calls the service is run.
/// </summary>
internal sealed class CliContext
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);
    private readonly IReadOnlyDictionary<string, string?>? _environment;

    public CliContext(TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? environment)
    {
        Output = output;
        Error = error;
        _environment = environment;
        var terminal = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;
        var colour = terminal && string.IsNullOrEmpty(Variable("NO_COLOR"));
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = colour ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        if (!terminal)
        {
            Console.Profile.Width = 160;
        }
        Service = new ServiceOptions(this);
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    /// <summary>Tables and readable text; never escape codes when the output is redirected or NO_COLOR is set.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>--address, --token and --json, for the commands that call the service.</summary>
    public ServiceOptions Service { get; }

    public string? Variable(string name) =>
        _environment is null ? Environment.GetEnvironmentVariable(name) : _environment.GetValueOrDefault(name);

    /// <summary>One message as one line of proto JSON (lowerCamelCase names, enums by name).</summary>
    public void Json(IMessage message) => Output.WriteLine(Formatter.Format(message));

    /// <summary>
    /// Runs <paramref name="work"/> with a client for --address and --token; a failure becomes one line on
    /// standard error naming <paramref name="attempt"/>, and the exit code of its kind.
    /// </summary>
    public async Task<int> RunAsync(ParseResult parsed, Attempt attempt, Func<TranslationsClient, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        try
        {
            using var client = Service.CreateClient(parsed);
            await work(client, cancellationToken);
            return ExitCodes.Done;
        }
        catch (Exception failure)
        {
            var (code, line) = Failures.Describe(failure, attempt, Service.AddressText(parsed), cancellationToken);
            Error.WriteLine(line);
            return code;
        }
    }

    /// <summary>The same for work that does not call the service.</summary>
    public int Run(Attempt attempt, Action work)
    {
        try
        {
            work();
            return ExitCodes.Done;
        }
        catch (Exception failure)
        {
            var (code, line) = Failures.Describe(failure, attempt, "", CancellationToken.None);
            Error.WriteLine(line);
            return code;
        }
    }
}
