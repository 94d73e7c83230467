using System.Diagnostics;
using System.Text;

namespace Translations.Testing;

/// <summary>
/// The programs of this repository as they are built, each run as its own process the way a person starts
/// it: <c>dotnet X.dll</c> in the folder that holds it (and its appsettings.json), with only the settings given.
/// </summary>
public static class DotnetProgram
{
    /// <summary>The folder that holds Translations.sln, above the tests' output.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>
    /// <paramref name="assembly"/> in the build output of src/<paramref name="project"/> (bin/Release/net10.0/…),
    /// built in the configuration and for the framework of the tests, as `dotnet run` runs it: a program that
    /// is not referenced by the tests, or whose appsettings.json would clash with another one beside them.
    /// </summary>
    public static string InProjectOutput(string project, string assembly)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(RepositoryRoot, "src", project, "bin", output.Parent!.Name, output.Name, assembly);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is missing: build the solution (dotnet build Translations.sln -c {output.Parent.Name}) first.");
    }

    /// <summary>Generous: a program that has not exited by then will not exit by itself.</summary>
    private static readonly TimeSpan ExitWithin = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How to start <paramref name="assembly"/> (a file name beside the tests, or a full path) as a person does,
    /// from the folder that holds the tests or the assembly, with only the ASP.NET-form settings
    /// (<c>Section__Key</c>) in <paramref name="environment"/>, none inherited.
    /// </summary>
    public static ProcessStartInfo StartInfo(string assembly, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assembly);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.IsPathRooted(assembly) ? Path.GetDirectoryName(path)! : AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(path);
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

    private static string FindRepositoryRoot()
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
}
