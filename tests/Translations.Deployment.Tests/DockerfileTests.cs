namespace Translations.Deployment.Tests;

/// <summary>No container engine exists here, so the Dockerfile is checked as text.</summary>
public sealed class DockerfileTests
{
    /// <summary>The UID of the "app" user in Microsoft's .NET 8+ images, also set there as APP_UID.</summary>
    public const int AppUid = 1654;

    private static readonly Dockerfile Image = Dockerfile.Read();

    [Fact]
    public void Final_stage_is_the_ASP_NET_Core_runtime_image()
    {
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", Image.Final.Image);
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0", Image.Stages[0].Image);
    }

    [Fact]
    public void Final_stage_runs_as_the_non_root_app_user()
    {
        var user = Image.Final.Last("USER");

        Assert.NotNull(user);
        Assert.Contains(user, new[] { "$APP_UID", "${APP_UID}", AppUid.ToString(), "app" });
    }

    [Fact]
    public void Final_stage_works_in_app_where_appsettings_json_lies_beside_the_dll()
    {
        Assert.Equal("/app", Image.Final.Last("WORKDIR"));
        Assert.Contains(Image.Final.All("COPY"), copy => copy.StartsWith("--from=build /app ", StringComparison.Ordinal));
        Assert.Contains(Image.Stages[0].All("RUN"),
            run => run.Contains($"publish {Repository.ApiProject}") && run.Contains("-o /app"));
    }

    [Fact]
    public void Entrypoint_runs_the_Api_assembly()
    {
        var assembly = typeof(Program).Assembly.GetName().Name + ".dll";

        Assert.Equal($"""["dotnet", "{assembly}"]""", Image.Final.Last("ENTRYPOINT"));
    }

    [Fact]
    public void Image_exposes_the_gRPC_management_and_HTTP_JSON_ports_it_listens_on()
    {
        var environment = Image.Final.Environment;
        var grpc = Ports.Of(environment["Kestrel__Endpoints__Grpc__Url"]);
        var management = Ports.Of(environment["Kestrel__Endpoints__Management__Url"]);
        var http = Ports.Of(environment["Kestrel__Endpoints__Http__Url"]);

        Assert.Equal(new[] { grpc, management, http }.Order(), Exposed().Order());
    }

    [Fact]
    public void SQLite_database_lies_on_the_data_volume()
    {
        Assert.Equal("Data Source=/data/releases.db", Image.Final.Environment["ConnectionStrings__Releases"]);
        Assert.Contains("/data", Image.Final.All("VOLUME"));
    }

    [Fact]
    public void Build_stage_copies_every_project_the_Api_depends_on_before_restoring()
    {
        var copied = Image.Stages[0].All("COPY").Select(copy => copy.Split(' ')[0]).ToHashSet();

        Assert.All(Repository.ProjectClosure(Repository.ApiProject),
            project => Assert.Contains(project, copied));
    }

    internal static IEnumerable<int> Exposed() =>
        Image.Final.All("EXPOSE").SelectMany(ports => ports.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(port => int.Parse(port.Split('/')[0]));
}
