using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Google.Protobuf;

namespace Translations.Benchmarks;

/// <summary>
/// Unary load from h2load (nghttp2-client): one pre-encoded request, the 5-byte gRPC frame header (uncompressed flag,
/// big-endian length) then the protobuf bytes, POSTed with the gRPC headers over several h2c connections.
/// h2load does not read trailers, so before it runs, the .NET client check makes typed calls that must all end OK.
/// </summary>
internal sealed partial class H2LoadUnary(string name, string executable, string folder, UnaryTarget target, int connections, int streams, TimeSpan warmUp) : IUnaryLoad
{
    private byte[] _frame = [];
    private int _responseSize = -1;

    public string Name => name;
    public string Generator => "h2load";
    public int Checked => UnaryTarget.CheckedCalls;
    public int CheckedOk { get; private set; }

    public async Task PrepareAsync(ServerProcess server)
    {
        (CheckedOk, _responseSize) = await target.CheckAsync(server.Address);
        var message = target.Request(0).ToByteArray();
        _frame = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(_frame.AsSpan(1, 4), (uint)message.Length);
        message.CopyTo(_frame, 5);
        await MeasureAsync(server, warmUp);
    }

    public async Task<LoadSample> MeasureAsync(ServerProcess server, TimeSpan duration)
    {
        var body = Path.Combine(folder, "h2load-request.bin");
        var log = Path.Combine(folder, "h2load-requests.tsv");
        await File.WriteAllBytesAsync(body, _frame);
        File.Delete(log); // h2load appends to its log file
        var start = new ProcessStartInfo(executable,
        [
            "-D", duration.TotalSeconds.ToString(CultureInfo.InvariantCulture), "-c", $"{connections}", "-m", $"{streams}",
            "-d", body, "-H", "content-type: application/grpc", "-H", "te: trailers", "-H", BenchmarkAccess.AuthorizationHeader, "--log-file", log, new Uri(server.Address, target.Path).ToString(),
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var cpu = Cpu.OfEndedChildren();
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        cpu = Cpu.OfEndedChildren() - cpu;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"h2load exited with {process.ExitCode}:\n{output}\n{await errors}");
        }

        long Number(Regex pattern) => long.Parse(pattern.Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var done = Number(Done());
        // A call that failed would end with trailers only: no message, so fewer DATA bytes than calls x response frame.
        var fullMessages = Number(Data()) == done * (5L + _responseSize);
        var latencies = File.ReadLines(log).Select(line => double.Parse(line.Split('\t')[2], CultureInfo.InvariantCulture) / 1000.0).ToArray();
        return new LoadSample(done, Number(Status2xx()), Number(Failed()) + Number(Errored()) + Number(Timeout()), fullMessages, latencies, cpu);
    }

    [GeneratedRegex(@"requests: .*?(\d+) done")] private static partial Regex Done();
    [GeneratedRegex(@"requests: .*?(\d+) failed")] private static partial Regex Failed();
    [GeneratedRegex(@"requests: .*?(\d+) errored")] private static partial Regex Errored();
    [GeneratedRegex(@"requests: .*?(\d+) timeout")] private static partial Regex Timeout();
    [GeneratedRegex(@"status codes: (\d+) 2xx")] private static partial Regex Status2xx();
    [GeneratedRegex(@"traffic: .*\((\d+)\) data")] private static partial Regex Data();
}
