using System.Security.Cryptography;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Translations.HttpJson;
using Translations.Storage;
using Translations.Testing;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests.Infrastructure;

/// <summary>
/// The real host, on real Kestrel over HTTP/2 on a free loopback port, with its own database: a SQLite
/// file in a temporary folder, or, when <see cref="TestDatabase.IsPostgreSql"/>, a database of its own
/// on the shared PostgreSQL test cluster. Tests talk to it through a real GrpcChannel carrying a real bearer token,
/// signed with the shared key the host is configured with, as an editor unless a test asks otherwise.
/// </summary>
public class TranslationsApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly Dictionary<string, string?> _settings = new();
    private readonly List<Action<IServiceCollection>> _services = [];
    private readonly bool _ownsDataDirectory;

    /// <summary>A host with its own database in a new temporary folder.</summary>
    public TranslationsApp()
        : this(null)
    {
    }

    private TranslationsApp(string? dataDirectory)
    {
        _ownsDataDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("translations-tests-").FullName;
        UseKestrel();
    }

    public string DataDirectory { get; }

    /// <summary>The shared signing key of every test host (all replicas of one test accept the same tokens).</summary>
    public static SigningSettings Signing { get; } = new(
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)), "translations-tests", "translations");

    /// <summary>The caller of <see cref="Channel"/>: an editor, who may make every call but operational ones.</summary>
    public static TokenClaims DefaultCaller { get; } = new("editor-1", "editor");

    /// <summary>Another replica on the database of the host that owns <paramref name="dataDirectory"/>.</summary>
    public static TranslationsApp ReplicaOn(string dataDirectory) => new(dataDirectory);

    public string DatabasePath => Path.Combine(DataDirectory, "releases.db");

    /// <summary>The PostgreSQL database of this host and its replicas, named after their shared folder.</summary>
    private string PostgreSqlDatabase => "t_" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(DataDirectory)))[..24];

    private PostgreSqlServer? _postgreSql;

    /// <summary>A context on this host's database, to look at what a test cannot see through the API.</summary>
    public Task<TranslationsDbContext> DatabaseAsync() =>
        Services.GetRequiredService<IDbContextFactory<TranslationsDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

    public Uri Address { get; private set; } = null!;

    /// <summary>The HTTP/JSON endpoint (HTTP/1.1), on a port of its own.</summary>
    public Uri? HttpAddress { get; private set; }

    public GrpcChannel Channel { get; private set; } = null!;

    public ReleaseService.ReleaseServiceClient Releases => new(Channel);

    public EditorialService.EditorialServiceClient Editorial => new(Channel);

    public TranslationService.TranslationServiceClient Translation => new(Channel);

    private readonly List<GrpcChannel> _channels = [];

    /// <summary>
    /// The gRPC health status once it is <paramref name="expected"/>, asking every 100 ms for up to 10 s;
    /// right after start-up the first round of health checks may not be published yet.
    /// </summary>
    public async Task<Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus> HealthAsync(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus expected)
    {
        var health = new Grpc.Health.V1.Health.HealthClient(Channel);
        var status = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Unknown;
        for (var attempt = 0; attempt < 100 && status != expected; attempt++)
        {
            try
            {
                status = (await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest())).Status;
            }
            catch (RpcException notPublishedYet) when (notPublishedYet.StatusCode == StatusCode.NotFound)
            {
            }
            if (status != expected)
            {
                await Task.Delay(100);
            }
        }
        return status;
    }

    /// <summary>Clients that call as <paramref name="caller"/> with a token valid for an hour.</summary>
    public Clients As(TokenClaims caller) => WithToken(Signing.Mint(caller, TimeSpan.FromHours(1)));

    /// <summary>Clients that send this exact token, or none when it is null.</summary>
    public Clients WithToken(string? token)
    {
        var options = new GrpcChannelOptions { MaxReceiveMessageSize = null };
        if (token is not null)
        {
            options.Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure,
                CallCredentials.FromInterceptor((_, metadata) =>
                {
                    metadata.Add("authorization", $"Bearer {token}");
                    return Task.CompletedTask;
                }));
            // The loopback endpoint is h2c; the token still travels only to 127.0.0.1.
            options.UnsafeUseInsecureChannelCallCredentials = true;
        }
        var channel = GrpcChannel.ForAddress(Address, options);
        lock (_channels)
        {
            _channels.Add(channel);
        }
        return new Clients(channel);
    }

    /// <summary>Overrides one setting for this host; call before the host starts.</summary>
    public TranslationsApp With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    private string _environment = "Testing";

    private bool? _onPostgreSql;

    /// <summary>Runs the host on PostgreSQL (or SQLite) whatever pass of the suite this is; call before it starts.</summary>
    public TranslationsApp OnPostgreSql(bool postgreSql = true)
    {
        _onPostgreSql = postgreSql;
        return this;
    }

    /// <summary>Runs the host in another environment (default "Testing", which is not Development); call before it starts.</summary>
    public TranslationsApp InEnvironment(string environment)
    {
        _environment = environment;
        return this;
    }

    /// <summary>Lets one test observe the host, e.g. by decorating the store; call before the host starts.</summary>
    public TranslationsApp WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        if (_postgreSql is not null)
        {
            builder.UseSetting("Storage:Provider", "PostgreSql");
            builder.UseSetting("ConnectionStrings:Releases", _postgreSql.ConnectionString(PostgreSqlDatabase));
        }
        else
        {
            builder.UseSetting("ConnectionStrings:Releases", $"Data Source={DatabasePath}");
        }
        builder.UseSetting("Kestrel:Endpoints:Grpc:Url", "http://127.0.0.1:0");
        builder.UseSetting($"Kestrel:Endpoints:{HttpJsonEndpoint.Name}:Url", "http://127.0.0.1:0");
        builder.UseSetting("Auth:SigningKey", Signing.SigningKey);
        builder.UseSetting("Auth:Issuer", Signing.Issuer);
        builder.UseSetting("Auth:Audience", Signing.Audience);
        // Tests write fast; the limit itself is tested with its own low setting.
        builder.UseSetting("RateLimits:WritesPerPeriod", "1000000");
        builder.UseSetting("RateLimits:WriteBurst", "1000000");
        // The test platform prints the whole process's console output after a failure: only warnings
        // and errors of the hosts go there, so the failure itself stays readable. Tests that inspect
        // logs collect them with their own provider, which still receives every level.
        builder.UseSetting("Logging:Console:LogLevel:Default", "Warning");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            ConfigureServices(services);
            _services.ForEach(configure => configure(services));
        });
    }

    /// <summary>Lets a fixture observe the host, e.g. by decorating a service; never to replace a real dependency.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public virtual async ValueTask InitializeAsync()
    {
        if (_onPostgreSql ?? TestDatabase.IsPostgreSql)
        {
            _postgreSql = await PostgreSqlServer.SharedAsync();
            await _postgreSql.EnsureDatabaseAsync(PostgreSqlDatabase);
        }
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        // Program refuses wrong settings by printing them and returning, so the host then never listens.
        // The gRPC endpoint's address, beside the HTTP/JSON endpoint's; a test may add a management endpoint on a port of its own.
        var management = _settings.GetValueOrDefault("Kestrel:Endpoints:Management:Url");
        HttpAddress = Services.GetRequiredService<HttpJsonEndpoint>().Address;
        Address = new Uri(addresses.Addresses.SingleOrDefault(address => new Uri(address).Port != HttpAddress?.Port
                && (management is null || new Uri(address).Port != new Uri(management).Port))
            ?? throw new InvalidOperationException("The host did not start; Program wrote why on standard error."));
        Channel = As(DefaultCaller).Channel;
    }

    public override async ValueTask DisposeAsync()
    {
        lock (_channels)
        {
            _channels.ForEach(channel => channel.Dispose());
        }
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsDataDirectory)
        {
            return;
        }
        if (_postgreSql is not null)
        {
            await _postgreSql.DropDatabaseAsync(PostgreSqlDatabase);
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temporary folder behind.
        }
    }
}

/// <summary>The three service clients over one channel, as one caller.</summary>
public sealed record Clients(GrpcChannel Channel)
{
    public ReleaseService.ReleaseServiceClient Releases => new(Channel);

    public EditorialService.EditorialServiceClient Editorial => new(Channel);

    public TranslationService.TranslationServiceClient Translation => new(Channel);
}

/// <summary>
/// The database the storage-facing tests (those marked <c>[Trait("Database", "Each")]</c>) run on:
/// SQLite, or PostgreSQL in ./test.sh's second pass (<c>TRANSLATIONS_TEST_DATABASE=PostgreSql</c>).
/// </summary>
public static class TestDatabase
{
    public static bool IsPostgreSql { get; } =
        string.Equals(Environment.GetEnvironmentVariable("TRANSLATIONS_TEST_DATABASE"), "PostgreSql", StringComparison.OrdinalIgnoreCase);
}
