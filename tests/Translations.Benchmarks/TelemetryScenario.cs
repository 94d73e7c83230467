using Translations.Testing;

namespace Translations.Benchmarks;

/// <summary>What the receiver had counted at one moment.</summary>
internal sealed record ReceiverCounts(long TraceExports, long TraceBytes, long Spans, long MetricsExports, long LogsExports)
{
    public static ReceiverCounts Of(OtlpReceiver receiver) =>
        new(receiver.Count("traces"), receiver.Bytes("traces"), receiver.Spans, receiver.Count("metrics"), receiver.Count("logs"));

    public long Total => TraceExports + MetricsExports + LogsExports;

    public static ReceiverCounts operator -(ReceiverCounts a, ReceiverCounts b) =>
        new(a.TraceExports - b.TraceExports, a.TraceBytes - b.TraceBytes, a.Spans - b.Spans, a.MetricsExports - b.MetricsExports, a.LogsExports - b.LogsExports);
}

/// <summary>
/// Health/Check and GetRelease from L1 on two server processes, telemetry off and on; <paramref name="WhileOffLoaded"/> is
/// what reached the receiver while only the off server had run (checked and warmed up), <paramref name="Measured"/> what
/// the on server exported for the measured loads.
/// </summary>
internal sealed record TelemetryResults(UnaryResult HealthOff, UnaryResult HealthOn, UnaryResult L1Off, UnaryResult L1On, ReceiverCounts WhileOffLoaded, ReceiverCounts Measured)
{
    public double HealthRatio => HealthOn.CallsPerSecond / HealthOff.CallsPerSecond;
    public double L1Ratio => L1On.CallsPerSecond / L1Off.CallsPerSecond;
    public double SpansPerTracedCall => Measured.Spans / (double)L1On.Calls;
    public bool TracesArrived => Measured.TraceExports > 0 && Measured.TraceBytes > 0 && Measured.Spans > 0;
    public bool OffSentNothing => WhileOffLoaded.Total == 0;
    public bool Correct => TracesArrived && OffSentNothing && new[] { HealthOff, HealthOn, L1Off, L1On }.All(r => r.Failures == 0 && r.FullMessages);
}

/// <summary>
/// The cost of telemetry: two server processes with caching on, identical but for the OTLP endpoint (an
/// <see cref="OtlpReceiver"/> in this process) set on one; Health/Check (not traced) and GetRelease from L1 (a
/// server span per call) from h2load on both, one load on one server at a time, in turns.
/// </summary>
internal static class TelemetryScenario
{
    /// <summary>The OTLP batch processors export every 5 s; a quiet spell longer than that means all was sent.</summary>
    public static readonly TimeSpan ExportQuiet = TimeSpan.FromSeconds(6);

    public static async Task<TelemetryResults> RunAsync(RunSettings run, string root, string h2load, string workspace, BenchmarkDatabase database, RedisServer redis, string[] ids)
    {
        var (warmUp, duration) = (TimeSpan.FromSeconds(run.WarmUpSeconds), TimeSpan.FromSeconds(run.Seconds));
        IUnaryLoad H2(string name, UnaryTarget target) => new H2LoadUnary(name, h2load, workspace, target, run.Connections, run.Streams, warmUp);
        var settings = database.ServerSettings.Append(KeyValuePair.Create("ConnectionStrings__Redis", redis.ConnectionString)).ToArray();
        await using var receiver = await OtlpReceiver.StartAsync(keepBodies: false);
        (string, string)[] exported = [("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.Endpoint), ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")];

        Console.WriteLine($"{database.Name}: telemetry off and on, OTLP to {receiver.Endpoint}");
        await using var off = await ServerProcess.StartAsync(root, settings);
        (ServerProcess, IUnaryLoad)[] offLoads =
            [(off, H2("Health/Check, telemetry off", UnaryTarget.HealthCheck)), (off, H2("GetRelease from L1, telemetry off", UnaryTarget.GetRelease(ids)))];
        foreach (var (server, load) in offLoads)
        {
            await load.PrepareAsync(server);
        }
        await Task.Delay(ExportQuiet);
        var whileOffLoaded = ReceiverCounts.Of(receiver);

        await using var on = await ServerProcess.StartAsync(root, settings.Concat(exported.Select(s => KeyValuePair.Create(s.Item1, s.Item2))));
        (ServerProcess, IUnaryLoad)[] onLoads =
            [(on, H2("Health/Check, telemetry on", UnaryTarget.HealthCheck)), (on, H2("GetRelease from L1, telemetry on", UnaryTarget.GetRelease(ids)))];
        foreach (var (server, load) in onLoads)
        {
            await load.PrepareAsync(server);
        }
        var beforeMeasuring = await QuietAsync(receiver);
        // Off and on take turns on each method: Health/Check off, on, then GetRelease off, on, round after round.
        var results = await Interleaved.MeasureAsync(redis, database, run.Rounds, duration, offLoads[0], onLoads[0], offLoads[1], onLoads[1]);
        var measured = await QuietAsync(receiver) - beforeMeasuring;

        var telemetry = new TelemetryResults(results[0], results[1], results[2], results[3], whileOffLoaded, measured);
        foreach (var r in results)
        {
            Console.WriteLine($"  {r.Name}: {r.CallsPerSecond:N0} calls/s, p50 {r.P50Milliseconds:F2} ms, p99 {r.P99Milliseconds:F2} ms, server {r.ServerCores:F2} cores ({r.ServerCores * 1e6 / r.CallsPerSecond:F1} µs per call), {r.Failures} failures");
        }
        Console.WriteLine($"  on/off: Health/Check {telemetry.HealthRatio:F2}, GetRelease from L1 {telemetry.L1Ratio:F2}; receiver while measuring: {measured.TraceExports:N0} trace exports, " +
            $"{measured.TraceBytes:N0} bytes, {measured.Spans:N0} spans ({telemetry.SpansPerTracedCall:F3} per GetRelease call), {measured.MetricsExports} metrics and {measured.LogsExports} logs exports; " +
            $"while only the off server had run: {whileOffLoaded.Total} exports");
        return telemetry;
    }

    /// <summary>Waits until nothing has arrived for longer than the export interval (at most a minute), then counts.</summary>
    private static async Task<ReceiverCounts> QuietAsync(OtlpReceiver receiver)
    {
        var (last, quietSince, giveUp) = (ReceiverCounts.Of(receiver), DateTime.UtcNow, DateTime.UtcNow.AddMinutes(1));
        while (DateTime.UtcNow - quietSince < ExportQuiet && DateTime.UtcNow < giveUp)
        {
            await Task.Delay(250);
            var now = ReceiverCounts.Of(receiver);
            if (now.TraceExports != last.TraceExports)
            {
                (last, quietSince) = (now, DateTime.UtcNow);
            }
        }
        return ReceiverCounts.Of(receiver);
    }
}
