using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Translations.Settings;

namespace Translations.Hosting;

/// <summary>
/// Starting to listen is the last thing that can go wrong at start-up: an endpoint address that is not
/// one, or one already in use, is a wrong setting and is reported like the others (one message naming
/// it, exit code 1), not by the host logging a stack trace before the process aborts.
/// </summary>
public static class ServiceRunning
{
    /// <summary>The host's own category, which would log a failed start with its stack trace before Program reports it.</summary>
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    public static IHostApplicationBuilder AddStartupFailureReporting(this IHostApplicationBuilder builder)
    {
        // Only its Critical messages stay: a failed start is reported by Program (or, when unforeseen, by
        // the runtime, once), and this service's background services log their own failures.
        builder.Logging.AddFilter(HostCategory, LogLevel.Critical);
        return builder;
    }

    /// <summary>Runs until the service is stopped; an endpoint Kestrel cannot listen on throws <see cref="InvalidSettingsException"/>.</summary>
    public static async Task RunServiceAsync(this WebApplication app)
    {
        // Kestrel would throw on an endpoint without an address, stack trace and all.
        var unset = app.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Where(endpoint => string.IsNullOrWhiteSpace(endpoint["Url"])).ToList();
        if (unset.Count > 0)
        {
            throw new InvalidSettingsException(unset.Select(endpoint =>
                $"Kestrel__Endpoints__{endpoint.Key}__Url is empty; write it as http://host:port (e.g. http://0.0.0.0:8082)."));
        }
        // Read now: once the host has failed to start, it is disposed.
        var endpoints = Endpoints(app.Configuration).ToList();
        try
        {
            await app.RunAsync();
        }
        catch (Exception e) when (e is IOException { InnerException: AddressInUseException } or FormatException)
        {
            // Kestrel names the address it failed on; name the settings that hold it (all, if it is not one of them).
            var named = endpoints.Where(endpoint => e.Message.Contains(endpoint.Url, StringComparison.Ordinal)).ToList();
            throw new InvalidSettingsException((named.Count > 0 ? named : endpoints).Select(endpoint => e is FormatException
                ? $"{endpoint.Setting} is \"{endpoint.Url}\", which is not an address to listen on; write it as http://host:port (e.g. http://127.0.0.1:5080)."
                : $"{endpoint.Setting} is \"{endpoint.Url}\", which is already in use: stop what listens there, or choose another port."));
        }
    }

    private static IEnumerable<(string Setting, string Url)> Endpoints(IConfiguration configuration) =>
        configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Where(endpoint => endpoint["Url"] is { Length: > 0 })
            .Select(endpoint => ($"Kestrel__Endpoints__{endpoint.Key}__Url", endpoint["Url"]!));
}
