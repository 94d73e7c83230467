using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Translations.Tests.Infrastructure;

/// <summary>What a program run as its own process did, and everything it wrote.</summary>
public sealed record ProgramRun(bool ExitedByItself, int ExitCode, string Output, string Errors)
{
    public string AllOutput => Output + Errors;

    /// <summary>How often <paramref name="text"/> appears in everything the program wrote.</summary>
    public int Mentions(string text) => Regex.Count(AllOutput, Regex.Escape(text));

    /// <summary>The lines of everything written that look like the frames of a stack trace.</summary>
    public IEnumerable<string> StackFrames => AllOutput.Split('\n').Where(line => Regex.IsMatch(line, @"^\s+at \S"));
}

/// <summary>
/// The service and the translations command as they are built beside the tests, each run as its own process
/// the way a person starts it: <c>dotnet X.dll</c> in the folder that holds its appsettings.json.
/// </summary>
public static class BuiltProgram
{
    public const string Service = "Translations.Api.dll";

    /// <summary>
    /// The translations tool in its own build output (src/Translations.Cli/bin/…), as `dotnet run` and an
    /// installed tool run it: beside the tests, the ASP.NET Core assemblies the tests load would stand in for its own.
    /// </summary>
    public static string Cli { get; } = Path.Combine(RepositoryRoot(), "src", "Translations.Cli", "bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, new DirectoryInfo(AppContext.BaseDirectory).Name, "translations.dll");

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Translations.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No Translations.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>Generous: a program that has not exited by then will not exit by itself.</summary>
    private static readonly TimeSpan ExitWithin = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The service in Production with valid token settings on a free loopback port, so that a test
    /// changes exactly the settings it names.
    /// </summary>
    public static Dictionary<string, string> ServiceSettings() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Auth__SigningKey"] = TranslationsApp.Signing.SigningKey,
        ["Auth__Issuer"] = TranslationsApp.Signing.Issuer,
        ["Auth__Audience"] = TranslationsApp.Signing.Audience,
        ["Kestrel__Endpoints__Grpc__Url"] = "http://127.0.0.1:0",
        // Not 5081 from appsettings.json: processes running side by side would take it from one another.
        ["Kestrel__Endpoints__Http__Url"] = "http://127.0.0.1:0",
    };

    /// <summary>
    /// Settings for replicas sharing the SQLite file in <paramref name="dataFolder"/>: draining after
    /// <paramref name="drainDelay"/>, the change feed polled every 100 ms, and the write rate limit out of the way.
    /// </summary>
    public static Dictionary<string, string> ReplicaSettings(string dataFolder, TimeSpan drainDelay, TimeSpan drainTimeout)
    {
        var settings = ServiceSettings();
        settings["ConnectionStrings__Releases"] = $"Data Source={Path.Combine(dataFolder, "releases.db")}";
        settings["Draining__Delay"] = drainDelay.ToString("c");
        settings["Draining__Timeout"] = drainTimeout.ToString("c");
        settings["Changes__PollInterval"] = "00:00:00.100";
        settings["RateLimits__WritesPerPeriod"] = "1000000";
        settings["RateLimits__WriteBurst"] = "1000000";
        return settings;
    }

    /// <summary>
    /// Runs the service with <paramref name="settings"/> until it exits, or until it writes
    /// <paramref name="stopOnOutput"/>; on a database in a new temporary folder unless the settings name one.
    /// </summary>
    public static async Task<ProgramRun> RunServiceAsync(IReadOnlyDictionary<string, string> settings, string? stopOnOutput = null)
    {
        var data = Directory.CreateTempSubdirectory("translations-process-");
        try
        {
            var withDatabase = new Dictionary<string, string>(settings);
            withDatabase.TryAdd("ConnectionStrings__Releases", $"Data Source={Path.Combine(data.FullName, "releases.db")}");
            return await RunAsync(Service, [], withDatabase, stopOnOutput);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Exit code 1 by itself, <paramref name="message"/> on standard error, <paramref name="named"/> once
    /// in all the output (printed once), and no stack trace.
    /// </summary>
    public static void AssertStartRefused(this ProgramRun run, string message, string named)
    {
        Assert.True(run.ExitedByItself, $"The service did not exit by itself:\n{run.AllOutput}");
        Assert.True(run.ExitCode == 1, $"Exit code {run.ExitCode}:\n{run.AllOutput}");
        Assert.Contains(message, run.Errors);
        Assert.True(run.Mentions(named) == 1, $"{named} should be named once:\n{run.AllOutput}");
        Assert.Empty(run.StackFrames);
    }

    /// <summary>
    /// How to start <paramref name="assembly"/> as a person does, in the folder that holds it, with only the
    /// ASP.NET-form settings (<c>Section__Key</c>) in <paramref name="environment"/>, none inherited.
    /// </summary>
    public static ProcessStartInfo StartInfo(string assembly, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var inherited in start.Environment.Keys.Where(key => key.Contains("__", StringComparison.Ordinal)
            || key is "ASPNETCORE_ENVIRONMENT" or "DOTNET_ENVIRONMENT").ToList())
        {
            start.Environment.Remove(inherited);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        return start;
    }

    /// <summary>
    /// Runs <paramref name="assembly"/> with only the ASP.NET-form settings (<c>Section__Key</c>) given
    /// here, none inherited, and waits until it exits by itself or writes <paramref name="stopOnOutput"/>.
    /// </summary>
    public static async Task<ProgramRun> RunAsync(string assembly, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment, string? stopOnOutput = null)
    {
        var start = StartInfo(assembly, arguments, environment);
        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        var errors = new StringBuilder();
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) => Collect(output, line.Data);
        process.ErrorDataReceived += (_, line) => Collect(errors, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(ExitWithin);
        var exited = process.WaitForExitAsync(timeout.Token);
        try
        {
            await Task.WhenAny(exited, seen.Task).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }
        var exitedByItself = exited.IsCompletedSuccessfully;
        if (!exitedByItself)
        {
            process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync(CancellationToken.None);
        lock (output)
        {
            return new ProgramRun(exitedByItself, process.ExitCode, output.ToString(), errors.ToString());
        }

        void Collect(StringBuilder into, string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (output)
            {
                into.Append(line).Append('\n');
            }
            if (stopOnOutput is not null && line.Contains(stopOnOutput, StringComparison.Ordinal))
            {
                seen.TrySetResult();
            }
        }
    }
}
