using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Translations.Hosting;
using Translations.Testing;
using Translations.Tests.Infrastructure;
using Translations.V1;
using StatusCode = Grpc.Core.StatusCode;

namespace Translations.Tests;

/// <summary>
/// The spans and metrics the service produces, collected with OpenTelemetry's in-memory exporters on
/// the same instrumentation the service registers for OTLP (Telemetry.AddTranslationsTracing and
/// AddTranslationsMetrics). Alone, because activity sources and meters are process-wide: another
/// test's host would add its own calls to what is collected here.
/// </summary>
[Collection(nameof(RunsAlone))]
[Trait("Database", "Each")]
public sealed class TelemetryTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private readonly List<Activity> _spans = [];
    private readonly List<Metric> _metrics = [];
    private readonly int _management = FreePorts.Next();
    private TranslationsApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        await _redis.InitializeAsync();
        _app = new TranslationsApp()
            .With("ConnectionStrings:Redis", _redis.ConnectionString)
            .With("RateLimits:WriteBurst", "4")
            .With("RateLimits:WritesPerPeriod", "1")
            .With("RateLimits:Period", "01:00:00")
            .With("Publishing:PollInterval", "00:00:00.100")
            .With("Kestrel:Endpoints:Management:Url", $"http://127.0.0.1:{_management}")
            .WithServices(services => services.AddOpenTelemetry()
                .WithTracing(tracing => tracing.AddTranslationsTracing().AddInMemoryExporter(_spans))
                .WithMetrics(metrics => metrics.AddTranslationsMetrics().AddInMemoryExporter(_metrics)));
        await _app.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task A_read_from_L1_has_a_server_span_and_no_database_span_and_a_miss_has_database_and_redis_spans_beneath_it()
    {
        var created = await _app.CreateAsync(Requests.NewRelease());

        // The write cached the release as a whole; in one language it is a key of its own, read first from the database.
        var miss = await GetReleaseTracedAsync(created.Id, "ru");
        var hit = await GetReleaseTracedAsync(created.Id, "ru");

        var missServer = await ServerSpanAsync(miss);
        Assert.Equal(ActivityKind.Server, missServer.Kind);
        Assert.Equal("translations.v1.ReleaseService/GetRelease", missServer.DisplayName);
        Assert.Equal("grpc", missServer.GetTagItem("rpc.system"));
        Assert.Equal("translations.v1.ReleaseService", missServer.GetTagItem("rpc.service"));
        Assert.Equal("GetRelease", missServer.GetTagItem("rpc.method"));
        Assert.Equal(0, missServer.GetTagItem("rpc.grpc.status_code"));
        Assert.Equal(miss.SpanId, missServer.ParentSpanId);
        // The RPC conventions' attributes, each said once: grpc-dotnet's string copies and the HTTP ones are not exported.
        Assert.Equal(["rpc.grpc.status_code", "rpc.method", "rpc.service", "rpc.system"], missServer.TagObjects.Select(tag => tag.Key).Order().ToArray());

        var database = await SpanAsync(miss.TraceId, span => span.Source.Name == "Translations.Storage");
        Assert.Equal("GetRelease", database.DisplayName);
        Assert.Equal(ActivityKind.Client, database.Kind);
        Assert.Equal(TestDatabase.IsPostgreSql ? "postgresql" : "sqlite", database.GetTagItem("db.system.name"));
        Assert.Equal(missServer.SpanId, database.ParentSpanId);
        // The Redis instrumentation drains its profiled commands every second.
        var redis = await SpanAsync(miss.TraceId, span => span.Source.Name.Contains("StackExchangeRedis", StringComparison.Ordinal) && span.DisplayName == "HMGET");
        Assert.Equal("redis", redis.GetTagItem("db.system") ?? redis.GetTagItem("db.system.name"));
        Assert.Equal(missServer.SpanId, redis.ParentSpanId);

        var hitServer = await ServerSpanAsync(hit);
        Assert.Equal(0, hitServer.GetTagItem("rpc.grpc.status_code"));
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);   // two Redis drains
        lock (_spans)
        {
            Assert.Equal([hitServer], _spans.Where(span => span.TraceId == hit.TraceId).ToList());
        }
    }

    [Fact]
    public async Task A_refused_call_carries_its_status_code_and_is_not_marked_as_a_server_error()
    {
        var refused = await GetReleaseTracedAsync("not an id", expected: StatusCode.InvalidArgument);

        var span = await ServerSpanAsync(refused);
        Assert.Equal((int)StatusCode.InvalidArgument, span.GetTagItem("rpc.grpc.status_code"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);   // the caller's mistake, not the server's
    }

    [Fact]
    public async Task An_HTTP_JSON_call_is_traced_as_its_RPC_with_the_HTTP_status_and_a_refusal_is_no_server_error()
    {
        var created = await _app.CreateAsync(Requests.NewRelease());
        using var http = new HttpClient { BaseAddress = _app.HttpAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", TranslationsApp.Signing.Mint(TranslationsApp.DefaultCaller, TimeSpan.FromHours(1)));

        var read = await TracedHttpGetAsync(http, $"/v1/releases/{created.Id}?view=RELEASE_VIEW_DRAFT", System.Net.HttpStatusCode.OK);
        var refused = await TracedHttpGetAsync(http, "/v1/releases/not-an-id", System.Net.HttpStatusCode.BadRequest);

        var readSpan = await ServerSpanAsync(read);
        Assert.Equal("translations.v1.ReleaseService/GetRelease", readSpan.DisplayName);
        Assert.Equal("GetRelease", readSpan.GetTagItem("rpc.method"));
        Assert.Equal(200, readSpan.GetTagItem("http.response.status_code"));
        var refusedSpan = await ServerSpanAsync(refused);
        Assert.Equal(400, refusedSpan.GetTagItem("http.response.status_code"));
        Assert.Equal(ActivityStatusCode.Unset, refusedSpan.Status);   // the caller's mistake, not the server's
    }

    private static async Task<ActivityContext> TracedHttpGetAsync(HttpClient http, string path, System.Net.HttpStatusCode expected)
    {
        var client = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("traceparent", $"00-{client.TraceId}-{client.SpanId}-01");
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(expected, response.StatusCode);
        return client;
    }

    [Fact]
    public async Task Health_probes_over_gRPC_and_plain_HTTP_are_not_traced()
    {
        var client = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var traceparent = $"00-{client.TraceId}-{client.SpanId}-01";
        var health = new Health.HealthClient(_app.Channel);
        await health.CheckAsync(new HealthCheckRequest { Service = HealthProbes.Readiness }, new Metadata { { "traceparent", traceparent } });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_management}") };
        using var request = new HttpRequestMessage(HttpMethod.Get, HealthProbes.LivePath);
        request.Headers.Add("traceparent", traceparent);
        using (var live = await http.SendAsync(request, TestContext.Current.CancellationToken))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, live.StatusCode);
        }

        // A call traced after them ends after them: once its span is in, theirs would be too.
        await ServerSpanAsync(await GetReleaseTracedAsync("not an id", expected: StatusCode.InvalidArgument));
        Assert.Empty(SpansOf(client.TraceId));
    }

    [Fact]
    public async Task Writes_are_counted_by_RPC_and_status_and_refused_ones_as_rate_limited()
    {
        var release = await _app.CreateAsync(Requests.NewRelease());
        var stale = Assert.Throws<RpcException>(() => _app.Editorial.UpdateRelease(new UpdateReleaseRequest
        {
            Release = new Release { Id = release.Id, Category = "other" },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "category" } },
            ExpectedRevision = release.Revision + 5,
        }));
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        await _app.Editorial.CreateReleaseAsync(Requests.NewRelease());
        await _app.Editorial.CreateReleaseAsync(Requests.NewRelease());   // the fourth write of the burst of 4
        var limited = Assert.Throws<RpcException>(() => _app.Editorial.CreateRelease(Requests.NewRelease()));
        Assert.Equal(StatusCode.ResourceExhausted, limited.StatusCode);

        var points = Collect();
        Assert.Equal(3, Sum(points, "translations.writes", ("rpc.method", "CreateRelease"), ("rpc.grpc.status_code", 0)));
        Assert.Equal(1, Sum(points, "translations.writes", ("rpc.method", "UpdateRelease"), ("rpc.grpc.status_code", (int)stale.StatusCode)));
        Assert.Equal(1, Sum(points, "translations.rate_limited", ("rpc.method", "CreateRelease")));
    }

    [Fact]
    public async Task Watchers_change_feed_lag_and_scheduled_publications_are_measured()
    {
        var release = await _app.CreateAsync(Requests.NewRelease().ForReview());
        var editor = _app.Editorial;
        await editor.ReviewVariantAsync(new ReviewVariantRequest
        {
            ReleaseId = release.Id, Language = "ru", ExpectedRevision = release.Variants[0].Revision, Decision = ReviewDecision.Approve,
        });
        using var watch = _app.Releases.Watch(after: 0);
        await watch.ReadEventsAsync(1);
        var schedule = await editor.PublishReleaseAsync(new PublishReleaseRequest
        {
            Id = release.Id, Languages = { "ru" }, PublishTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(1)),
        });

        await Eventually(() => Gauge(Collect(), "translations.publishing.scheduled.pending") == 1, "one scheduled publication pending");
        var points = Collect();
        Assert.Equal(1, Sum(points, "translations.watchers.connected"));
        Assert.Equal(0, Gauge(points, "translations.publishing.scheduled.overdue"));
        Assert.Equal(0, Gauge(points, "translations.changes.lag"));
        Assert.Equal(await _app.LastSequenceAsync(), Gauge(points, "translations.changes.applied_sequence"));

        watch.Dispose();
        await Eventually(() => Sum(Collect(), "translations.watchers.connected") == 0, "the watcher is counted out when its stream ends");
        Assert.NotNull(schedule);
    }

    [Fact]
    public async Task The_framework_runtime_and_process_meters_are_collected()
    {
        var created = await _app.CreateAsync(Requests.NewRelease());
        await GetReleaseTracedAsync(created.Id, "ru");

        var names = Collect().Select(point => point.Name).ToHashSet();

        Assert.Contains("http.server.request.duration", names);
        Assert.Contains("kestrel.active_connections", names);
        Assert.Contains("dotnet.gc.collections", names);
        Assert.Contains("process.cpu.time", names);
        Assert.Contains("translations.cache.l1.misses", names);
    }

    /// <summary>A GetRelease as the child of a client span of the test's own, so that its trace can be told from any other.</summary>
    private async Task<ActivityContext> GetReleaseTracedAsync(string id, string language = "", StatusCode expected = StatusCode.OK)
    {
        var client = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var headers = new Metadata { { "traceparent", $"00-{client.TraceId}-{client.SpanId}-01" } };
        try
        {
            await _app.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = id, Language = language }, headers);
            Assert.Equal(StatusCode.OK, expected);
        }
        catch (RpcException e)
        {
            Assert.Equal(expected, e.StatusCode);
        }
        return client;
    }

    private Task<Activity> ServerSpanAsync(ActivityContext client) => SpanAsync(client.TraceId, span => span.Kind == ActivityKind.Server);

    /// <summary>A server span ends after its response has reached the client: waits for it.</summary>
    private async Task<Activity> SpanAsync(ActivityTraceId trace, Func<Activity, bool> match)
    {
        Activity? found = null;
        await Eventually(() =>
        {
            lock (_spans)
            {
                found = _spans.FirstOrDefault(span => span.TraceId == trace && match(span));
            }
            return found is not null;
        }, () => $"a span of trace {trace} (it has: {string.Join(", ", SpansOf(trace))})");
        return found!;
    }

    private List<string> SpansOf(ActivityTraceId trace)
    {
        lock (_spans)
        {
            return _spans.Where(span => span.TraceId == trace).Select(span => $"{span.Source.Name}: {span.DisplayName}").ToList();
        }
    }

    private sealed record Point(string Name, IReadOnlyDictionary<string, object?> Tags, double Value);

    private List<Point> Collect()
    {
        lock (_metrics)
        {
            _metrics.Clear();
            _app.Services.GetRequiredService<MeterProvider>().ForceFlush();
            var points = new List<Point>();
            foreach (var metric in _metrics)
            {
                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    var tags = new Dictionary<string, object?>();
                    foreach (var tag in point.Tags)
                    {
                        tags[tag.Key] = tag.Value;
                    }
                    double value = metric.MetricType switch
                    {
                        MetricType.LongSum or MetricType.LongSumNonMonotonic => point.GetSumLong(),
                        MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => point.GetSumDouble(),
                        MetricType.LongGauge => point.GetGaugeLastValueLong(),
                        MetricType.DoubleGauge => point.GetGaugeLastValueDouble(),
                        _ => double.NaN,
                    };
                    points.Add(new Point(metric.Name, tags, value));
                }
            }
            return points;
        }
    }

    private static double Sum(List<Point> points, string name, params (string Key, object Value)[] tags) =>
        points.Where(point => point.Name == name && tags.All(tag => point.Tags.TryGetValue(tag.Key, out var value) && Equals(Normal(value), Normal(tag.Value))))
            .Sum(point => point.Value);

    /// <summary>Numbers compared as numbers, whatever integer type carried them.</summary>
    private static object? Normal(object? value) => value is int or long or short ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : value;

    private static double? Gauge(List<Point> points, string name) => points.LastOrDefault(point => point.Name == name)?.Value;

    private static async Task Eventually(Func<bool> condition, string what) => await Eventually(condition, () => what);

    private static async Task Eventually(Func<bool> condition, Func<string> what)
    {
        for (var attempt = 0; !condition(); attempt++)
        {
            Assert.True(attempt < 100, $"Timed out waiting for {what()}.");
            await Task.Delay(100);
        }
    }
}
