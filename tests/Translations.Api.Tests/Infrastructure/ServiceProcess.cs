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
    private readonly RunningProgram _program;
    private readonly List<GrpcChannel> _channels = [];

    private ServiceProcess(RunningProgram program, Uri address)
    {
        _program = program;
        Address = address;
    }

    public Uri Address { get; }

    public string Output => _program.Output;

    /// <summary>Starts the service with <paramref name="settings"/> (ASP.NET form) and waits until it listens.</summary>
    /// <param name="workingDirectory">Where it is started from: by default the folder of its assembly and appsettings.json.</param>
    /// <param name="port">The port to listen on (a replica restarted in place); by default a free one.</param>
    public static async Task<ServiceProcess> StartAsync(IReadOnlyDictionary<string, string> settings, string? workingDirectory = null, int? port = null)
    {
        port ??= FreePorts.Next();
        var start = DotnetProgram.StartInfo(BuiltProgram.Service, [], settings);
        start.WorkingDirectory = workingDirectory ?? start.WorkingDirectory;
        start.Environment["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{port}";
        start.Environment.TryAdd("Kestrel__Endpoints__Http__Url", "http://127.0.0.1:0");
        return new ServiceProcess(await RunningProgram.StartAsync(start), new Uri($"http://127.0.0.1:{port}"));
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
    public Task<(int ExitCode, TimeSpan Took)> TerminateAsync(TimeSpan timeout) => _program.TerminateAsync(timeout);

    public bool HasExited => _program.HasExited;

    /// <summary>SIGKILL: the process ends at once, as in a crash or a lost node; nothing is flushed or drained.</summary>
    public Task KillAsync() => _program.KillAsync();

    public async ValueTask DisposeAsync()
    {
        lock (_channels)
        {
            _channels.ForEach(channel => channel.Dispose());
        }
        await _program.DisposeAsync();
    }
}
