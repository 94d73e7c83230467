using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Translations.Testing;

/// <summary>
/// A built web program running as a process of its own (<see cref="DotnetProgram.StartInfo"/>) until it is
/// stopped or killed, the way a replica runs; everything it writes is kept for the test's messages.
/// </summary>
public sealed class RunningProgram : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningProgram(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the program and waits until ASP.NET Core logs that it listens (a minute at most).</summary>
    public static async Task<RunningProgram> StartAsync(ProcessStartInfo start)
    {
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start };
        var program = new RunningProgram(process);
        void Collect(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (program._output)
            {
                program._output.Append(line).Append('\n');
            }
            if (line.Contains("Now listening on:", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        }
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromMinutes(1))) != listening.Task)
        {
            await program.DisposeAsync();
            throw new InvalidOperationException(
                $"{Path.GetFileName(start.ArgumentList.FirstOrDefault())} did not start listening:\n{program.Output}");
        }
        return program;
    }

    /// <summary>
    /// SIGTERM, as Kubernetes stops a pod: the program shuts down (draining, if it does) and exits by
    /// itself. Returns once it has, with its exit code and how long it took.
    /// </summary>
    public async Task<(int ExitCode, TimeSpan Took)> TerminateAsync(TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        if (kill(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed ({Marshal.GetLastPInvokeError()}).");
        }
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return (_process.ExitCode, Stopwatch.GetElapsedTime(started));
    }

    private const int SigTerm = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    /// <summary>SIGKILL: the process ends at once, as in a crash or a lost node; nothing is flushed or drained.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
