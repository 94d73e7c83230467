using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Translations.Hosting;

/// <summary>
/// Stands in for the console lifetime. SIGTERM (Kubernetes stopping a pod) drains: readiness turns
/// NOT_SERVING at once, calls are still served for <see cref="DrainingOptions.Delay"/> while load
/// balancers notice, then the host stops: Kestrel takes no new calls and waits up to
/// <see cref="DrainingOptions.Timeout"/> for the ones in flight, and watch streams end with
/// UNAVAILABLE (SERVER_STOPPING) and their last sequence, to resume on another replica. Ctrl+C
/// (SIGINT) and SIGQUIT stop without the delay: a person at a terminal is not a load balancer.
/// </summary>
internal sealed partial class DrainingLifetime(
    IHostApplicationLifetime lifetime,
    ReplicaHealth health,
    IOptions<DrainingOptions> options,
    IHostEnvironment environment,
    ILogger<DrainingLifetime> logger) : IHostLifetime, IDisposable
{
    private readonly List<PosixSignalRegistration> _signals = [];
    private int _stopping;

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, Drain));
        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, StopNow));
        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGQUIT, StopNow));
        lifetime.ApplicationStarted.Register(() => LogStarted(environment.EnvironmentName, environment.ContentRootPath));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _signals.ForEach(signal => signal.Dispose());

    private void Drain(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Exchange(ref _stopping, 1) == 1)
        {
            return;
        }
        var delay = options.Value.Delay;
        health.StartDraining();
        LogDraining(delay.TotalSeconds, options.Value.Timeout.TotalSeconds);
        _ = Task.Delay(delay).ContinueWith(_ => lifetime.StopApplication(), TaskScheduler.Default);
    }

    private void StopNow(PosixSignalContext context)
    {
        context.Cancel = true;
        health.StartDraining();
        lifetime.StopApplication();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Application started. Hosting environment: {Environment}. Content root path: {ContentRoot}. Press Ctrl+C to shut down; SIGTERM drains first.")]
    private partial void LogStarted(string environment, string contentRoot);

    [LoggerMessage(Level = LogLevel.Information, Message = "SIGTERM: not ready from now on; serving {Delay:0.#} s more for load balancers to notice, then stopping, waiting up to {Timeout:0.#} s for calls in flight")]
    private partial void LogDraining(double delay, double timeout);
}

public static class DrainingExtensions
{
    /// <summary>SIGTERM drains (<see cref="DrainingLifetime"/>); the host waits up to <c>Draining__Timeout</c> for calls in flight.</summary>
    public static IHostApplicationBuilder AddDraining(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DrainingOptions>().BindConfiguration(DrainingOptions.Section);
        builder.Services.AddSingleton<IHostLifetime, DrainingLifetime>();
        // The host reads its options while it is built, before the service checks its settings (and
        // refuses a wrong one by name): a value that cannot be read leaves the host's default here.
        var timeout = builder.Configuration.GetSection(DrainingOptions.Section)[nameof(DrainingOptions.Timeout)];
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout =
            TimeSpan.TryParse(timeout, System.Globalization.CultureInfo.InvariantCulture, out var configured) ? configured : new DrainingOptions().Timeout);
        return builder;
    }
}
