using System.Diagnostics;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using Translations.Testing;
using Translations.Tokens;

namespace Translations.Tests.Infrastructure;

/// <summary>
/// The built service as a long-running process of its own (<c>dotnet Translations.Api.dll</c>), on a free
/// loopback port, the way a replica runs: started, called over a real socket, and stopped or killed.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<GrpcChannel> _channels = [];

    private ServiceProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

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

    /// <summary>Starts the service with <paramref name="settings"/> (ASP.NET form) and waits until it listens.</summary>
    /// <param name="workingDirectory">Where it is started from: by default the folder of its assembly and appsettings.json.</param>
    /// <param name="port">The port to listen on (a replica restarted in place); by default a free one.</param>
    public static async Task<ServiceProcess> StartAsync(IReadOnlyDictionary<string, string> settings, string? workingDirectory = null, int? port = null)
    {
        port ??= FreePorts.Next();
        var start = BuiltProgram.StartInfo(BuiltProgram.Service, [], settings);
        start.WorkingDirectory = workingDirectory ?? start.WorkingDirectory;
        start.Environment["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{port}";
        start.Environment.TryAdd("Kestrel__Endpoints__Http__Url", "http://127.0.0.1:0");
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start };
        var service = new ServiceProcess(process, new Uri($"http://127.0.0.1:{port}"));
        void Collect(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (service._output)
            {
                service._output.Append(line).Append('\n');
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
            await service.DisposeAsync();
            throw new InvalidOperationException($"The service did not start listening:\n{service.Output}");
        }
        return service;
    }

    /// <summary>Service clients over a new channel that call as <paramref name="caller"/>.</summary>
    public Clients As(TokenClaims caller)
    {
        var token = TranslationsApp.Signing.Mint(caller, TimeSpan.FromHours(1));
        var channel = GrpcChannel.ForAddress(Address, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("authorization", $"Bearer {token}");
                return Task.CompletedTask;
            })),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
        lock (_channels)
        {
            _channels.Add(channel);
        }
        return new Clients(channel);
    }

    /// <summary>
    /// SIGTERM, as Kubernetes stops a pod: the service drains (Draining__Delay, Draining__Timeout) and
    /// exits by itself. Returns once it has, with its exit code and how long it took.
    /// </summary>
    public async Task<(int ExitCode, TimeSpan Took)> TerminateAsync(TimeSpan timeout)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (kill(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed ({System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}).");
        }
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return (_process.ExitCode, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    public bool HasExited => _process.HasExited;

    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
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
        lock (_channels)
        {
            _channels.ForEach(channel => channel.Dispose());
        }
        await KillAsync();
        _process.Dispose();
    }
}
