using Translations.Testing;

namespace Translations.Tests.Infrastructure;

/// <summary>
/// The service and the translations command as they are built, each run as its own process the way a
/// person starts it (<see cref="DotnetProgram"/>), with the settings the service's tests start from.
/// </summary>
public static class BuiltProgram
{
    public const string Service = "Translations.Api.dll";

    /// <summary>
    /// The translations tool in its own build output (src/Translations.Cli/bin/…), as `dotnet run` and an
    /// installed tool run it: beside the tests, the ASP.NET Core assemblies the tests load would stand in for its own.
    /// </summary>
    public static string Cli => DotnetProgram.InProjectOutput("Translations.Cli", "translations.dll");

    /// <summary>
    /// The service in Production with valid token settings on a free loopback port, so that a test
    /// changes exactly the settings it names.
    /// </summary>
    public static Dictionary<string, string> ServiceSettings() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Auth__SigningKey"] = TranslationsApp.Signing.SigningKey,
        ["Auth__Issuer"] = TranslationsApp.Signing.Issuer,
        ["Auth__Audience"] = TranslationsApp.Signing.Audience,
        ["Kestrel__Endpoints__Grpc__Url"] = "http://127.0.0.1:0",
        // Not 5081 from appsettings.json: processes running side by side would take it from one another.
        ["Kestrel__Endpoints__Http__Url"] = "http://127.0.0.1:0",
    };

    /// <summary>
    /// Settings for replicas sharing the SQLite file in <paramref name="dataFolder"/>: draining after
    /// <paramref name="drainDelay"/>, the change feed polled every 100 ms, and the write rate limit out of the way.
    /// </summary>
    public static Dictionary<string, string> ReplicaSettings(string dataFolder, TimeSpan drainDelay, TimeSpan drainTimeout)
    {
        var settings = ServiceSettings();
        settings["ConnectionStrings__Releases"] = $"Data Source={Path.Combine(dataFolder, "releases.db")}";
        settings["Draining__Delay"] = drainDelay.ToString("c");
        settings["Draining__Timeout"] = drainTimeout.ToString("c");
        settings["Changes__PollInterval"] = "00:00:00.100";
        settings["RateLimits__WritesPerPeriod"] = "1000000";
        settings["RateLimits__WriteBurst"] = "1000000";
        return settings;
    }

    /// <summary>
    /// Runs the service with <paramref name="settings"/> until it exits, or until it writes
    /// <paramref name="stopOnOutput"/>; on a database in a new temporary folder unless the settings name one.
    /// </summary>
    public static async Task<ProgramRun> RunServiceAsync(IReadOnlyDictionary<string, string> settings, string? stopOnOutput = null)
    {
        var data = Directory.CreateTempSubdirectory("translations-process-");
        try
        {
            var withDatabase = new Dictionary<string, string>(settings);
            withDatabase.TryAdd("ConnectionStrings__Releases", $"Data Source={Path.Combine(data.FullName, "releases.db")}");
            return await DotnetProgram.RunAsync(Service, [], withDatabase, stopOnOutput);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Exit code 1 by itself, <paramref name="message"/> on standard error, <paramref name="named"/> once
    /// in all the output (printed once), and no stack trace.
    /// </summary>
    public static void AssertStartRefused(this ProgramRun run, string message, string named)
    {
        Assert.True(run.ExitedByItself, $"The service did not exit by itself:\n{run.AllOutput}");
        Assert.True(run.ExitCode == 1, $"Exit code {run.ExitCode}:\n{run.AllOutput}");
        Assert.Contains(message, run.Errors);
        Assert.True(run.Mentions(named) == 1, $"{named} should be named once:\n{run.AllOutput}");
        Assert.Empty(run.StackFrames);
    }
}
