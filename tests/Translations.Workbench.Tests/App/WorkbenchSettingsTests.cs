using Translations.Workbench.Hosting;
using Translations.Workbench.SignIn;

namespace Translations.Workbench.Tests.App;

/// <summary>The workbench refuses to start with settings it cannot work with, naming each as it is written.</summary>
public sealed class WorkbenchSettingsTests
{
    private static readonly SignInOptions DevelopmentSignIn = new();

    [Fact]
    public void A_missing_service_address_is_named_with_an_example()
    {
        var problem = Assert.Single(WorkbenchSettings.Problems(new WorkbenchOptions(), DevelopmentSignIn, development: true));

        Assert.StartsWith("Workbench__ServiceAddress is required", problem, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:5080", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:5080")]
    [InlineData("/relative")]
    [InlineData("grpc://translations:8080")]
    [InlineData("ftp://translations")]
    [InlineData("http://")]
    public void A_service_address_that_is_not_an_absolute_http_url_is_refused(string address)
    {
        var problem = Assert.Single(WorkbenchSettings.Problems(new WorkbenchOptions { ServiceAddress = address }, DevelopmentSignIn, development: true));

        Assert.Equal($"Workbench__ServiceAddress is \"{address}\", which is not an http or https address: "
            + "write the Translations service's gRPC address, e.g. http://127.0.0.1:5080.", problem);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("https://translations.example.org")]
    public void In_Development_a_service_address_is_all_it_needs(string address) =>
        Assert.Empty(WorkbenchSettings.Problems(new WorkbenchOptions { ServiceAddress = address }, DevelopmentSignIn, development: true));

    [Fact]
    public void Outside_Development_an_authority_is_required()
    {
        var problem = Assert.Single(WorkbenchSettings.Problems(new WorkbenchOptions { ServiceAddress = "http://translations:8080" }, DevelopmentSignIn, development: false));

        Assert.StartsWith("Auth__Authority is required outside Development", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_authority_needs_the_workbench_client_id()
    {
        var signIn = new SignInOptions { Authority = "https://login.example.org/realms/press" };

        var problem = Assert.Single(WorkbenchSettings.Problems(new WorkbenchOptions { ServiceAddress = "http://translations:8080" }, signIn, development: false));

        Assert.StartsWith("Workbench__ClientId is required with Auth__Authority", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_http_authority_is_refused_while_https_metadata_is_required()
    {
        var settings = new WorkbenchOptions { ServiceAddress = "http://translations:8080", ClientId = "workbench" };

        var problem = Assert.Single(WorkbenchSettings.Problems(settings, new SignInOptions { Authority = "http://login.test" }, development: false));

        Assert.Contains("Auth__RequireHttpsMetadata", problem, StringComparison.Ordinal);
        Assert.Empty(WorkbenchSettings.Problems(settings, new SignInOptions { Authority = "http://login.test", RequireHttpsMetadata = false }, development: false));
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var problems = WorkbenchSettings.Problems(new WorkbenchOptions { ServiceAddress = "nowhere" }, new SignInOptions { Authority = "login" }, development: false);

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, problem => problem.StartsWith("Workbench__ServiceAddress", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("Auth__Authority is \"login\", which is not a URL", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("Workbench__ClientId", StringComparison.Ordinal));
    }
}
