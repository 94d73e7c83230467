using Microsoft.Extensions.Hosting;

namespace Translations.Hosting;

public static class ServiceDefaults
{
    /// <summary>Telemetry (<see cref="Telemetry"/>), health probes (<see cref="HealthProbes"/>) and draining on SIGTERM (<see cref="DrainingOptions"/>).</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.AddTelemetry();
        builder.AddHealthProbes();
        builder.AddDraining();
        return builder;
    }
}
