using System.Security.Cryptography;
using Microsoft.Playwright;
using Translations.Client;
using Translations.Testing;
using Translations.Tokens;

namespace Translations.Workbench.Tests.Browser;

/// <summary>
/// The workbench as people use it: the real service and the real workbench, each built and run as its own
/// process the way `dotnet run` starts them (Development, from their own build output, on free loopback
/// ports, the service on SQLite in a temporary folder), and one headless Chromium (Debian's, driven by
/// Playwright) that every test opens its own browser contexts in. Both programs check and mint tokens with
/// one shared key, so the workbench's /signin page and the tests' own gRPC clients speak for the same people.
/// </summary>
public sealed class WorkbenchSite : IAsyncLifetime
{
    /// <summary>Debian's headless Chromium (package chromium-headless-shell), which ./test.sh installs.</summary>
    public const string Chromium = "/usr/lib/chromium/chromium-headless-shell";

    /// <summary>How long a step in the browser may wait for the page: generous, on two shared cores.</summary>
    public const float PageTimeout = 30_000;

    public static SigningSettings Signing { get; } = new(
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)), "translations-workbench-tests", "translations");

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("translations-workbench-");
    private readonly List<TranslationsClient> _clients = [];
    private RunningProgram? _service;
    private RunningProgram? _workbench;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The service's gRPC endpoint (h2c).</summary>
    public Uri ServiceAddress { get; } = new($"http://127.0.0.1:{FreePorts.Next()}");

    /// <summary>The workbench, where the browser goes.</summary>
    public Uri Address { get; } = new($"http://127.0.0.1:{FreePorts.Next()}");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    /// <summary>What the service and the workbench have written so far, for a failing test's message.</summary>
    public string Logs => $"--- service\n{_service?.Output}\n--- workbench\n{_workbench?.Output}";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: ./test.sh installs it "
                + "(apt-get install --no-install-recommends chromium chromium-headless-shell fonts-dejavu-core).");
        }
        Assertions.SetDefaultExpectTimeout(PageTimeout);
        var service = StartAsync("Translations.Api", "Translations.Api.dll", new Dictionary<string, string>(SigningSettings)
        {
            ["ConnectionStrings__Releases"] = $"Data Source={Path.Combine(_data.FullName, "releases.db")}",
            ["Kestrel__Endpoints__Grpc__Url"] = ServiceAddress.ToString(),
            // Not 5081 from its appsettings.json: test runs side by side would take the HTTP/JSON port from one another.
            ["Kestrel__Endpoints__Http__Url"] = "http://127.0.0.1:0",
            // Changes reach the workbench's watch soon after they are written.
            ["Changes__PollInterval"] = "00:00:00.100",
        });
        var workbench = StartAsync("Translations.Workbench", "Translations.Workbench.dll", new Dictionary<string, string>(SigningSettings)
        {
            ["Workbench__ServiceAddress"] = ServiceAddress.ToString(),
            ["Kestrel__Endpoints__Http__Url"] = Address.ToString(),
        });
        var browser = LaunchAsync();
        try
        {
            await Task.WhenAll(service, workbench, browser);
        }
        catch
        {
            // What did start is stopped here: a fixture that failed to start is not disposed.
            _service = service.IsCompletedSuccessfully ? service.Result : null;
            _workbench = workbench.IsCompletedSuccessfully ? workbench.Result : null;
            _browser = browser.IsCompletedSuccessfully ? browser.Result : null;
            await DisposeAsync();
            throw;
        }
        (_service, _workbench, _browser) = (service.Result, workbench.Result, browser.Result);
    }

    /// <summary>A person's own browser (cookies, interface language), with one page open at the workbench.</summary>
    /// <param name="locale">The browser's language, sent as Accept-Language.</param>
    /// <param name="timeZone">The browser's time zone (IANA, e.g. Europe/Moscow); the machine's when null.</param>
    public async Task<IPage> NewPersonAsync(string locale = "en-GB", string? timeZone = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            Locale = locale,
            TimezoneId = timeZone,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(PageTimeout);
        return await context.NewPageAsync();
    }

    /// <summary>The typed client library, calling the service directly as <paramref name="caller"/>.</summary>
    public TranslationsClient As(TokenClaims caller)
    {
        var token = Signing.Mint(caller, TimeSpan.FromHours(1));
        var client = TranslationsClient.Create(options =>
        {
            options.Address = ServiceAddress;
            options.Token = token;
        });
        lock (_clients)
        {
            _clients.Add(client);
        }
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        lock (_clients)
        {
            _clients.ForEach(client => client.Dispose());
        }
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        foreach (var program in new[] { _workbench, _service })
        {
            if (program is not null)
            {
                await program.DisposeAsync();
            }
        }
        _data.Delete(recursive: true);
    }

    /// <summary>Both programs in Development, with the test's key in place of the per-user development key file.</summary>
    private static Dictionary<string, string> SigningSettings => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Auth__SigningKey"] = Signing.SigningKey,
        ["Auth__Issuer"] = Signing.Issuer,
        ["Auth__Audience"] = Signing.Audience,
    };

    private static Task<RunningProgram> StartAsync(string project, string assembly, IReadOnlyDictionary<string, string> settings) =>
        RunningProgram.StartAsync(DotnetProgram.StartInfo(DotnetProgram.InProjectOutput(project, assembly), [], settings));

    private async Task<IBrowser> LaunchAsync()
    {
        _playwright = await Playwright.CreateAsync();
        return await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true });
    }
}

/// <summary>The browser tests share one service, one workbench and one Chromium, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<WorkbenchSite>
{
    public const string Name = "Workbench in a browser";
}
