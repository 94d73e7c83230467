using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Translations.Testing;

/// <summary>
/// A small OTLP/HTTP receiver on a free loopback port (<c>POST /v1/traces</c>, <c>/v1/metrics</c>,
/// <c>/v1/logs</c>, protobuf), standing in for an OpenTelemetry collector: it answers every export
/// with success and keeps what arrived, so that a test can see spans arrive and a benchmark can
/// export to something real. Point a service at it with <c>OTEL_EXPORTER_OTLP_ENDPOINT=</c><see cref="Endpoint"/>
/// and <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _keepBodies;
    private readonly ConcurrentQueue<(string Signal, byte[] Body)> _exports = new();
    private readonly ConcurrentDictionary<string, long> _bytes = new();
    private readonly ConcurrentDictionary<string, long> _counts = new();

    private OtlpReceiver(WebApplication app, string endpoint, bool keepBodies)
    {
        _app = app;
        Endpoint = endpoint;
        _keepBodies = keepBodies;
    }

    /// <summary>The base address to give as OTEL_EXPORTER_OTLP_ENDPOINT.</summary>
    public string Endpoint { get; }

    /// <param name="keepBodies">Keep every export's bytes (tests); off, only counts and sizes are kept (benchmarks).</param>
    public static async Task<OtlpReceiver> StartAsync(bool keepBodies = true)
    {
        var port = FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        // Nothing from the caller's appsettings.json (a test or benchmark folder may hold the service's,
        // whose Kestrel endpoints would replace the address below).
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new OtlpReceiver(app, $"http://127.0.0.1:{port}", keepBodies);
        foreach (var signal in new[] { "traces", "metrics", "logs" })
        {
            app.MapPost($"/v1/{signal}", async context =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body, context.RequestAborted);
                receiver.Received(signal, body.ToArray());
                context.Response.ContentType = "application/x-protobuf";
                context.Response.StatusCode = StatusCodes.Status200OK; // an empty Export…ServiceResponse is zero bytes
            });
        }
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Exports received for <paramref name="signal"/> (traces, metrics or logs).</summary>
    public long Count(string signal) => _counts.GetValueOrDefault(signal);

    /// <summary>Bytes received for <paramref name="signal"/>.</summary>
    public long Bytes(string signal) => _bytes.GetValueOrDefault(signal);

    /// <summary>
    /// Whether some export of <paramref name="signal"/> holds <paramref name="text"/> as UTF-8: span
    /// names, attribute keys and string values, metric names and log bodies are stored as such in OTLP's protobuf.
    /// </summary>
    public bool Holds(string signal, string text)
    {
        var wanted = Encoding.UTF8.GetBytes(text);
        return _exports.Any(export => export.Signal == signal && export.Body.AsSpan().IndexOf(wanted) >= 0);
    }

    /// <summary>Waits up to <paramref name="timeout"/> until <see cref="Holds"/> is true.</summary>
    public async Task<bool> WaitUntilHoldsAsync(string signal, string text, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!Holds(signal, text))
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }
            await Task.Delay(100);
        }
        return true;
    }

    private void Received(string signal, byte[] body)
    {
        _counts.AddOrUpdate(signal, 1, (_, n) => n + 1);
        _bytes.AddOrUpdate(signal, body.Length, (_, n) => n + body.Length);
        if (_keepBodies)
        {
            _exports.Enqueue((signal, body));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
