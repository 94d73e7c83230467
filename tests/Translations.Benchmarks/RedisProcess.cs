using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Translations.Benchmarks;

/// <summary>A throwaway redis-server on a free loopback port, without persistence; killed on dispose.</summary>
internal sealed class RedisProcess : IAsyncDisposable
{
    private readonly Process _process;

    private RedisProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisProcess> StartAsync(string executable, string folder)
    {
        var port = ServerProcess.FreePort();
        var start = new ProcessStartInfo(executable,
            ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", folder])
        {
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var redis = new RedisProcess(process, port);
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                if (await redis.CommandAsync("PING") == "+PONG\r\n")
                {
                    return redis;
                }
            }
            catch (SocketException) when (DateTime.UtcNow < until && !process.HasExited)
            {
            }
            if (process.HasExited || DateTime.UtcNow > until)
            {
                await redis.DisposeAsync();
                throw new InvalidOperationException($"redis-server did not start on port {port}.");
            }
            await Task.Delay(100);
        }
    }

    public double CpuSeconds() => Cpu.OfProcess(_process.Id);

    /// <summary>keyspace_hits and keyspace_misses from INFO stats.</summary>
    public async Task<(long Hits, long Misses)> KeyspaceAsync()
    {
        var info = await CommandAsync("INFO stats");
        long Field(string name) => long.Parse(info.Split("\r\n").Single(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..], CultureInfo.InvariantCulture);
        return (Field("keyspace_hits"), Field("keyspace_misses"));
    }

    /// <summary>Sends one inline command and returns the raw reply (a bulk reply is read to its end).</summary>
    private async Task<string> CommandAsync(string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
        var reply = new StringBuilder();
        var buffer = new byte[16_384];
        while (true)
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                return reply.ToString();
            }
            reply.Append(Encoding.ASCII.GetString(buffer, 0, read));
            var text = reply.ToString();
            var header = text.IndexOf("\r\n", StringComparison.Ordinal);
            if (header > 0 && (text[0] != '$' || text.Length >= header + 2 + int.Parse(text[1..header], CultureInfo.InvariantCulture) + 2))
            {
                return text;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
