using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Translations.Testing;
using Translations.Tests.Infrastructure;
using Translations.Tokens;

namespace Translations.Tests;

/// <summary>
/// The built <c>translations</c> tool (<c>dotnet translations.dll</c>) as its own process, watching the built
/// service as a process of its own: through a restart of the service, and stopped with Ctrl+C (SIGINT).
/// </summary>
public sealed class CliWatchProcessTests : IAsyncLifetime
{
    private static readonly TokenClaims Editor = new("watching-editor", "editor");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("translations-cli-watch-");
    private readonly List<ServiceProcess> _services = [];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _services)
        {
            await service.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
    }

    private async Task<ServiceProcess> StartServiceAsync(int? port = null)
    {
        var settings = BuiltProgram.ServiceSettings();
        settings["ConnectionStrings__Releases"] = $"Data Source={Path.Combine(_data.FullName, "releases.db")}";
        settings["Draining__Delay"] = "00:00:00.300";
        settings["Draining__Timeout"] = "00:00:05";
        settings["Changes__PollInterval"] = "00:00:00.100";
        var service = await ServiceProcess.StartAsync(settings, port: port);
        _services.Add(service);
        return service;
    }

    private static async Task CreateReleasesAsync(ServiceProcess service, int count)
    {
        var editor = service.As(Editor);
        for (var i = 0; i < count; i++)
        {
            await editor.Editorial.CreateReleaseAsync(Requests.NewRelease(title: $"Событие {i}"));
        }
    }

    [Fact]
    public async Task Watch_resumes_across_a_service_restart_with_nothing_lost_or_repeated_and_Ctrl_C_prints_where_to_continue()
    {
        var service = await StartServiceAsync();
        var port = service.Address.Port;
        await CreateReleasesAsync(service, 3);
        var token = TranslationsApp.Signing.Mint(Editor, TimeSpan.FromHours(1));
        using var watch = new WatchProcess(["watch", "--after", "0", "--draft", "--address", $"127.0.0.1:{port}", "--token", token]);

        await watch.WaitForLinesAsync(3, Patience);
        var (stopped, _) = await service.TerminateAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, stopped);
        var restarted = await StartServiceAsync(port);
        await CreateReleasesAsync(restarted, 3);
        await watch.WaitForLinesAsync(6, Patience);
        var exitCode = await watch.InterruptAsync(Patience);

        Assert.True(exitCode == 0, watch.ToString());
        var sequences = watch.Lines.Select(line => long.Parse(line.TrimStart().Split(' ')[0], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([1L, 2, 3, 4, 5, 6], sequences);
        Assert.All(watch.Lines, line => Assert.Contains(" created ", line));
        Assert.Contains("connection lost (", watch.Errors);
        Assert.Contains("resuming after sequence 3 in ", watch.Errors);
        Assert.EndsWith("Stopped after sequence 6. Continue with: translations watch --after 6 --draft\n", watch.Errors);
    }

    /// <summary>The built tool running <c>watch</c>, its output collected line by line.</summary>
    private sealed class WatchProcess : IDisposable
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];
        private readonly StringBuilder _errors = new();

        public WatchProcess(string[] arguments)
        {
            _process = new Process { StartInfo = DotnetProgram.StartInfo(BuiltProgram.Cli, arguments, new Dictionary<string, string>()) };
            _process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is { Length: > 0 } line)
                {
                    lock (_lines)
                    {
                        _lines.Add(line);
                    }
                }
            };
            _process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (_lines)
                    {
                        _errors.Append(e.Data).Append('\n');
                    }
                }
            };
            _process.Start();
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public string Errors
        {
            get
            {
                lock (_lines)
                {
                    return _errors.ToString();
                }
            }
        }

        public async Task WaitForLinesAsync(int count, TimeSpan within)
        {
            var deadline = Stopwatch.StartNew();
            while (Lines.Count < count)
            {
                Assert.True(deadline.Elapsed < within && !_process.HasExited, $"Waited for {count} events:\n{this}");
                await Task.Delay(50);
            }
        }

        /// <summary>Ctrl+C: SIGINT to the tool; its exit code once it has exited and its output is read.</summary>
        public async Task<int> InterruptAsync(TimeSpan within)
        {
            Assert.Equal(0, kill(_process.Id, SigInt));
            using var timeout = new CancellationTokenSource(within);
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }

        public override string ToString() => $"--- output\n{string.Join('\n', Lines)}\n--- errors\n{Errors}";

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }
            _process.Dispose();
        }

        private const int SigInt = 2;

        [DllImport("libc", SetLastError = true)]
        private static extern int kill(int pid, int signal);
    }
}
