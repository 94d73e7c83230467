using System.Diagnostics;
using Xunit;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Translations.Testing;

/// <summary>
/// A real redis-server on a free loopback port, with its data in a temporary folder. For tests it is
/// durable (append-only file, fsync on every write, so that a killed and restarted server comes back
/// with its data); a benchmark asks for a cache as production runs it, without persistence.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("translations-redis-").FullName;
    private readonly bool _persistent;
    private Process? _process;

    public RedisServer()
        : this(persistent: true)
    {
    }

    private RedisServer(bool persistent) => _persistent = persistent;

    public int Port { get; } = FreePorts.Next();

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>The server's process id while it runs (for its CPU time).</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("redis-server is not running.");

    /// <summary>A started server that keeps nothing on disk (no snapshots, no append-only file).</summary>
    public static async Task<RedisServer> StartWithoutPersistenceAsync()
    {
        var server = new RedisServer(persistent: false);
        await server.StartAsync();
        return server;
    }

    public async ValueTask InitializeAsync() => await StartAsync();

    /// <summary>The first line redis-server prints for --version.</summary>
    public static string Version()
    {
        using var process = Process.Start(new ProcessStartInfo(Executable(), ["--version"]) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Split('\n')[0].Trim();
    }

    private static string Executable() =>
        new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed; ./test.sh installs it (apt-get install redis-server).");

    public async Task StartAsync()
    {
        string[] persistence = _persistent ? ["--appendonly", "yes", "--appendfsync", "always"] : ["--appendonly", "no"];
        _process = Process.Start(new ProcessStartInfo(Executable(),
            ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _directory,
             "--save", "", .. persistence, "--protected-mode", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!await PingAsync())
        {
            if (DateTime.UtcNow > until || _process.HasExited)
            {
                throw new InvalidOperationException($"redis-server did not start on port {Port}.");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Kills the server outright, as a crash or a lost node would.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>One field of <c>INFO</c> as a number, e.g. <c>keyspace_hits</c> from section <c>stats</c>.</summary>
    public async Task<long> InfoAsync(string section, string field)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"INFO {section}\r\n"));
        // A bulk reply: "$<length>\r\n<text>\r\n".
        var reply = new StringBuilder();
        var buffer = new byte[16_384];
        while (true)
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                throw new InvalidOperationException($"redis-server closed the connection during INFO {section}.");
            }
            reply.Append(Encoding.ASCII.GetString(buffer, 0, read));
            var text = reply.ToString();
            var header = text.IndexOf("\r\n", StringComparison.Ordinal);
            if (header > 0 && text.Length >= header + 2 + int.Parse(text[1..header], System.Globalization.CultureInfo.InvariantCulture) + 2)
            {
                var line = text.Split("\r\n").SingleOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal))
                    ?? throw new InvalidOperationException($"INFO {section} has no {field}.");
                return long.Parse(line[(field.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
