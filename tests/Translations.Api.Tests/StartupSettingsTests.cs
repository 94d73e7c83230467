using Translations.Tests.Infrastructure;

namespace Translations.Tests;

/// <summary>
/// A wrong setting stops the built service, started as its own process, with exit code 1 and one
/// message on standard error that names the setting as a person sets it, and no stack trace.
/// </summary>
public sealed class StartupSettingsTests
{
    [Theory]
    [InlineData("Content__MaxTitleLength", "0", "Content__MaxTitleLength must be between 1 and 100000")]
    [InlineData("Changes__PollInterval", "00:01:00", "Changes__PollInterval must be between 00:00:00.010 and 00:00:10")]
    [InlineData("Cache__RedisTimeout", "00:01:00", "Cache__RedisTimeout must be between 00:00:00.010 and 00:00:30")]
    [InlineData("RateLimits__WriteBurst", "0", "RateLimits__WriteBurst must be between 1 and 1000000")]
    [InlineData("Publishing__PollInterval", "00:00:00", "Publishing__PollInterval must be between 00:00:00.050 and 00:10:00")]
    [InlineData("Auth__ClockSkew", "01:00:00", "Auth__ClockSkew must be between 00:00:00 and 00:10:00")]
    [InlineData("Draining__Delay", "00:10:00", "Draining__Delay must be between 00:00:00 and 00:05:00")]
    [InlineData("Draining__Timeout", "00:00:00", "Draining__Timeout must be between 00:00:01 and 00:10:00")]
    public async Task Setting_out_of_range_stops_start_up_naming_the_setting(string setting, string value, string message)
    {
        var run = await BuiltProgram.RunServiceAsync(With((setting, value)));

        run.AssertStartRefused(message, setting);
    }

    [Theory]
    [InlineData("Changes__PollInterval", "10m", "hh:mm:ss (e.g. 00:10:00) or d.hh:mm:ss")]
    [InlineData("Cache__Expiration", "10m", "hh:mm:ss (e.g. 00:10:00) or d.hh:mm:ss")]
    [InlineData("Draining__Timeout", "20s", "hh:mm:ss (e.g. 00:10:00) or d.hh:mm:ss")]
    [InlineData("Content__MaxTitleLength", "abc", "a whole number")]
    [InlineData("Cache__Enabled", "maybe", "true or false")]
    public async Task Setting_that_cannot_be_read_stops_start_up_saying_how_to_write_it(string setting, string value, string howToWrite)
    {
        var run = await BuiltProgram.RunServiceAsync(With((setting, value)));

        run.AssertStartRefused($"{setting} is \"{value}\"", setting);
        Assert.Contains(howToWrite, run.Errors);
    }

    [Fact]
    public async Task Fallback_to_an_unsupported_language_stops_start_up_naming_the_setting()
    {
        var run = await BuiltProgram.RunServiceAsync(With(("Languages__Fallback__en__0", "de")));

        run.AssertStartRefused("Languages__Fallback__en__0 is \"de\", which is not listed in Languages__Supported", "Languages__Fallback__en__0");
    }

    [Theory]
    [InlineData("Releases", "Data Source=:memory:", "ConnectionStrings__Releases must name a database file")]
    [InlineData("Releases", "Mode=Memory;Nonsense=1", "ConnectionStrings__Releases is not a SQLite connection string")]
    [InlineData("Redis", "127.0.0.1:6379,nonsense=1", "ConnectionStrings__Redis is not a Redis configuration")]
    public async Task Malformed_connection_string_stops_start_up_naming_it(string name, string value, string message)
    {
        var run = await BuiltProgram.RunServiceAsync(With(($"ConnectionStrings__{name}", value)));

        run.AssertStartRefused(message, $"ConnectionStrings__{name}");
    }

    [Fact]
    public async Task Database_that_cannot_be_created_stops_start_up_naming_the_connection_string()
    {
        var run = await BuiltProgram.RunServiceAsync(With(("ConnectionStrings__Releases", "Data Source=/proc/nope/releases.db")));

        run.AssertStartRefused("ConnectionStrings__Releases: cannot open or create the SQLite database /proc/nope/releases.db", "ConnectionStrings__Releases");
    }

    [Fact]
    public async Task Development_key_file_that_cannot_be_created_stops_start_up_naming_the_setting()
    {
        var settings = With(("ASPNETCORE_ENVIRONMENT", "Development"), ("Auth__DevelopmentKeyFile", "/proc/nope/development-signing-key"));
        settings.Remove("Auth__SigningKey");
        settings.Remove("Auth__Issuer");
        settings.Remove("Auth__Audience");

        var run = await BuiltProgram.RunServiceAsync(settings);

        run.AssertStartRefused("Auth__DevelopmentKeyFile: cannot read or create the development signing key /proc/nope/development-signing-key", "Auth__DevelopmentKeyFile");
    }

    [Theory]
    [InlineData("login.example.org", "Auth__Authority is \"login.example.org\", which is not a URL")]
    [InlineData("http://login.example.org", "Auth__Authority must be an https URL while Auth__RequireHttpsMetadata is true")]
    public async Task Authority_that_is_not_an_https_url_stops_start_up_naming_it(string authority, string message)
    {
        var settings = With(("Auth__Authority", authority));
        settings.Remove("Auth__SigningKey");
        settings.Remove("Auth__Issuer");

        var run = await BuiltProgram.RunServiceAsync(settings);

        run.AssertStartRefused(message, "Auth__Authority");
    }

    [Theory]
    [InlineData("Grpc")]
    [InlineData("Http")]
    public async Task Listen_address_already_in_use_stops_start_up_naming_the_setting(string endpoint)
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)taken.LocalEndpoint).Port}";
        var setting = $"Kestrel__Endpoints__{endpoint}__Url";

        var run = await BuiltProgram.RunServiceAsync(With((setting, url)));

        run.AssertStartRefused($"{setting} is \"{url}\", which is already in use", setting);
    }

    [Fact]
    public async Task Empty_listen_address_stops_start_up_naming_the_setting()
    {
        var run = await BuiltProgram.RunServiceAsync(With(("Kestrel__Endpoints__Http__Url", "")));

        run.AssertStartRefused("Kestrel__Endpoints__Http__Url is empty; write it as http://host:port", "Kestrel__Endpoints__Http__Url");
    }

    [Fact]
    public async Task Listen_address_that_is_not_one_stops_start_up_naming_the_setting()
    {
        var run = await BuiltProgram.RunServiceAsync(With(("Kestrel__Endpoints__Grpc__Url", "port-5080")));

        run.AssertStartRefused("Kestrel__Endpoints__Grpc__Url is \"port-5080\", which is not an address to listen on", "Kestrel__Endpoints__Grpc__Url");
    }

    [Fact]
    public async Task Several_wrong_settings_are_listed_one_per_line()
    {
        var run = await BuiltProgram.RunServiceAsync(With(("Content__MaxTitleLength", "0"), ("RateLimits__WriteBurst", "0")));

        run.AssertStartRefused("Content__MaxTitleLength must be between 1 and 100000", "Content__MaxTitleLength");
        run.AssertStartRefused("RateLimits__WriteBurst must be between 1 and 1000000", "RateLimits__WriteBurst");
        var lines = run.Errors.Split('\n');
        Assert.Contains(lines, line => line.Contains("Content__MaxTitleLength", StringComparison.Ordinal) && !line.Contains("RateLimits", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("RateLimits__WriteBurst", StringComparison.Ordinal) && !line.Contains("Content", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Valid_settings_start_the_service_with_nothing_on_standard_error()
    {
        var run = await BuiltProgram.RunServiceAsync(BuiltProgram.ServiceSettings(), stopOnOutput: "Now listening on:");

        Assert.False(run.ExitedByItself, run.AllOutput);
        Assert.Contains("Now listening on: http://127.0.0.1:", run.Output);
        Assert.Equal("", run.Errors);
    }

    private static Dictionary<string, string> With(params (string Setting, string Value)[] settings)
    {
        var all = BuiltProgram.ServiceSettings();
        foreach (var (setting, value) in settings)
        {
            all[setting] = value;
        }
        return all;
    }
}
