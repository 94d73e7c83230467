using System.Net;
using System.Text.Json;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Translations.Changes;
using Translations.Hosting;
using Translations.Testing;
using Translations.Tests.Infrastructure;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Translations.Tests;

/// <summary>
/// What orchestrators ask: liveness and readiness over grpc.health.v1 (a service per probe) and over
/// plain HTTP on the management endpoint; readiness follows the database, the change feed and draining,
/// and Redis being away only degrades it.
/// </summary>
public sealed class HealthProbeTests
{
    [Fact]
    public async Task Liveness_and_readiness_answer_over_gRPC_per_probe_service_and_over_plain_HTTP_on_the_management_port()
    {
        var management = FreePorts.Next();
        await using var app = new TranslationsApp().With("Kestrel:Endpoints:Management:Url", $"http://127.0.0.1:{management}");
        await app.InitializeAsync();
        var health = new Health.HealthClient(app.WithToken(null).Channel);

        Assert.Equal(ServingStatus.Serving, await app.HealthAsync(ServingStatus.Serving));
        Assert.Equal(ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest { Service = HealthProbes.Readiness })).Status);
        Assert.Equal(ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest { Service = HealthProbes.Liveness })).Status);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{management}") };
        using var ready = await http.GetAsync(HealthProbes.ReadyPath, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(new Version(1, 1), ready.Version);
        using var readiness = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("ready", readiness.RootElement.GetProperty("status").GetString());
        var checks = readiness.RootElement.GetProperty("checks").EnumerateObject().Select(check => check.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "storage", "change-feed", "draining" }, checks);
        Assert.DoesNotContain("process", checks);

        using var live = await http.GetAsync(HealthProbes.LivePath, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var liveness = JsonDocument.Parse(await live.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("alive", liveness.RootElement.GetProperty("status").GetString());

        using var elsewhere = await http.GetAsync("/translations.v1.ReleaseService/GetRelease", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);   // the management port serves the probes only
    }

    [Fact]
    public void Before_the_first_round_of_checks_liveness_is_serving_and_readiness_is_not()
    {
        var grpc = new HealthServiceImpl();
        var health = new ReplicaHealth(grpc);

        health.Starting();

        Assert.Equal(ServingStatus.Serving, Status(grpc, HealthProbes.Liveness));
        Assert.Equal(ServingStatus.NotServing, Status(grpc, HealthProbes.Readiness));
        Assert.Equal(ServingStatus.NotServing, Status(grpc, ""));
        Assert.False(health.IsReady);
    }

    [Fact]
    public async Task Draining_turns_readiness_off_at_once_and_a_healthy_round_after_it_does_not_turn_it_back_on()
    {
        var grpc = new HealthServiceImpl();
        var health = new ReplicaHealth(grpc);
        var healthy = new HealthReport(new Dictionary<string, HealthReportEntry>
        {
            ["storage"] = new(HealthStatus.Healthy, "reachable", TimeSpan.Zero, null, null),
        }, TimeSpan.Zero);
        await health.PublishAsync(healthy, TestContext.Current.CancellationToken);
        Assert.True(health.IsReady);

        health.StartDraining();
        grpc.SetStatus(HealthProbes.Readiness, ServingStatus.Serving);   // as the gRPC publisher would from a round begun before
        await health.PublishAsync(healthy, TestContext.Current.CancellationToken);

        Assert.False(health.IsReady);
        Assert.Equal(ServingStatus.NotServing, Status(grpc, HealthProbes.Readiness));
        Assert.Equal(ServingStatus.NotServing, Status(grpc, ""));
    }

    [Fact]
    public async Task The_replica_is_not_ready_when_its_change_feed_was_not_read_to_its_end_within_twice_the_poll_interval_and_a_second()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var progress = new ChangeFeedProgress(time);
        var check = new ChangeFeedHealthCheck(progress, Options.Create(new ChangeFeedOptions { PollInterval = TimeSpan.FromMilliseconds(400) }), time);
        var context = new HealthCheckContext();
        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(context, TestContext.Current.CancellationToken)).Status);

        progress.AppliedUpTo(7);
        progress.CaughtUp();
        time.Advance(TimeSpan.FromMilliseconds(1_700));
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(context, TestContext.Current.CancellationToken)).Status);

        progress.Committed(12);   // another replica's write, known from its Redis message
        time.Advance(TimeSpan.FromMilliseconds(200));
        var behind = await check.CheckHealthAsync(context, TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, behind.Status);
        Assert.Contains("Changes__PollInterval", behind.Description, StringComparison.Ordinal);
        Assert.Contains("5 behind", behind.Description, StringComparison.Ordinal);
        Assert.Equal(5, progress.Lag);
    }

    [Fact]
    public async Task With_Redis_away_the_replica_is_degraded_but_still_ready()
    {
        await using var redis = new RedisServer();
        await redis.InitializeAsync();
        var management = FreePorts.Next();
        await using var app = new TranslationsApp()
            .With("ConnectionStrings:Redis", redis.ConnectionString)
            .With("Kestrel:Endpoints:Management:Url", $"http://127.0.0.1:{management}");
        await app.InitializeAsync();
        Assert.Equal(ServingStatus.Serving, await app.HealthAsync(ServingStatus.Serving));

        await redis.KillAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{management}") };
        JsonElement readiness = default;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var ready = await http.GetAsync(HealthProbes.ReadyPath, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            readiness = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();
            if (readiness.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString() == "Degraded")
            {
                break;
            }
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Equal("Degraded", readiness.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
        Assert.Equal("ready", readiness.GetProperty("status").GetString());
        var health = new Health.HealthClient(app.Channel);
        Assert.Equal(ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest { Service = HealthProbes.Readiness })).Status);
    }

    private static ServingStatus Status(HealthServiceImpl grpc, string service) =>
        grpc.Check(new HealthCheckRequest { Service = service }, null!).Result.Status;
}
