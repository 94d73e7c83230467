using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Translations.Testing;
using Translations.Tests.Infrastructure;
using Translations.V1;

namespace Translations.Tests;

/// <summary>Telemetry leaves the process over OTLP when an endpoint is set, and does not exist when none is.</summary>
public sealed class TelemetryExportTests
{
    [Fact]
    public async Task With_an_OTLP_endpoint_set_spans_metrics_and_logs_reach_it_over_HTTP()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var app = new TranslationsApp()
            .With("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.Endpoint)
            .With("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
            .With("OTEL_SERVICE_NAME", "translations-under-test")
            .With("OTEL_BSP_SCHEDULE_DELAY", "200")
            .With("OTEL_BLRP_SCHEDULE_DELAY", "200")
            .With("OTEL_METRIC_EXPORT_INTERVAL", "500");
        await app.InitializeAsync();

        Assert.NotNull(app.Services.GetService<TracerProvider>());
        var created = await app.CreateAsync(Requests.NewRelease());
        await app.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = created.Id });

        var patience = TimeSpan.FromSeconds(20);
        Assert.True(await receiver.WaitUntilHoldsAsync("traces", "translations.v1.ReleaseService/GetRelease", patience), $"No GetRelease span arrived (exports received: traces {receiver.Count("traces")}, metrics {receiver.Count("metrics")}, logs {receiver.Count("logs")}).");
        Assert.True(receiver.Holds("traces", "rpc.grpc.status_code"));
        Assert.True(receiver.Holds("traces", "translations-under-test"), "OTEL_SERVICE_NAME is not the service.name of the spans.");
        Assert.True(await receiver.WaitUntilHoldsAsync("metrics", "translations.writes", patience), "The writes metric did not arrive.");
        Assert.True(await receiver.WaitUntilHoldsAsync("logs", "CreateRelease", patience), "The call log did not arrive.");
    }

    [Fact]
    public async Task Without_an_OTLP_endpoint_no_tracer_or_meter_provider_exists()
    {
        await using var app = new TranslationsApp();
        await app.InitializeAsync();

        await app.CreateAsync(Requests.NewRelease());

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
    }
}

