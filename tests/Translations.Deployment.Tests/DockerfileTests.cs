namespace Translations.Deployment.Tests;

/// <summary>No container engine exists here, so the Dockerfiles are checked as text.</summary>
public sealed class DockerfileTests
{
    /// <summary>The UID of the "app" user in Microsoft's .NET 8+ images, also set there as APP_UID.</summary>
    public const int AppUid = 1654;

    [Theory]
    [MemberData(nameof(Image.Dockerfiles), MemberType = typeof(Image))]
    public void Final_stage_is_the_ASP_NET_Core_runtime_image(string dockerfile)
    {
        var image = Image.Named(dockerfile).Read();

        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", image.Final.Image);
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0", image.Stages[0].Image);
    }

    [Theory]
    [MemberData(nameof(Image.Dockerfiles), MemberType = typeof(Image))]
    public void Final_stage_runs_as_the_non_root_app_user(string dockerfile)
    {
        var user = Image.Named(dockerfile).Read().Final.Last("USER");

        Assert.NotNull(user);
        Assert.Contains(user, new[] { "$APP_UID", "${APP_UID}", AppUid.ToString(), "app" });
    }

    [Theory]
    [MemberData(nameof(Image.Dockerfiles), MemberType = typeof(Image))]
    public void Final_stage_works_in_app_where_appsettings_json_lies_beside_the_dll(string dockerfile)
    {
        var image = Image.Named(dockerfile);
        var stages = image.Read();

        Assert.Equal("/app", stages.Final.Last("WORKDIR"));
        Assert.Contains(stages.Final.All("COPY"), copy => copy.StartsWith("--from=build /app ", StringComparison.Ordinal));
        Assert.Contains(stages.Stages[0].All("RUN"),
            run => run.Contains($"publish {image.Project}") && run.Contains("-o /app"));
    }

    [Theory]
    [MemberData(nameof(Image.Dockerfiles), MemberType = typeof(Image))]
    public void Entrypoint_runs_the_published_assembly(string dockerfile)
    {
        var image = Image.Named(dockerfile);

        Assert.Equal($"""["dotnet", "{image.Assembly}"]""", image.Read().Final.Last("ENTRYPOINT"));
    }

    [Fact]
    public void Service_image_runs_the_Api_assembly()
    {
        Assert.Equal(typeof(Program).Assembly.GetName().Name + ".dll", Image.Service.Assembly);
    }

    [Theory]
    [MemberData(nameof(Image.Dockerfiles), MemberType = typeof(Image))]
    public void Image_exposes_exactly_the_ports_of_its_Kestrel_endpoints(string dockerfile)
    {
        var image = Image.Named(dockerfile);
        var endpoints = image.Read().Final.Environment
            .Where(variable => variable.Key.StartsWith("Kestrel__Endpoints__", StringComparison.Ordinal) && variable.Key.EndsWith("__Url", StringComparison.Ordinal))
            .Select(variable => Ports.Of(variable.Value))
            .ToList();

        Assert.NotEmpty(endpoints);
        Assert.Equal(endpoints.Order(), image.Exposed().Order());
    }

    [Fact]
    public void Service_image_listens_for_gRPC_management_and_HTTP_JSON()
    {
        var environment = Image.Service.Read().Final.Environment;

        Assert.Contains("Kestrel__Endpoints__Grpc__Url", environment.Keys);
        Assert.Contains("Kestrel__Endpoints__Management__Url", environment.Keys);
        Assert.Contains("Kestrel__Endpoints__Http__Url", environment.Keys);
    }

    [Fact]
    public void SQLite_database_lies_on_the_data_volume()
    {
        var final = Image.Service.Read().Final;

        Assert.Equal("Data Source=/data/releases.db", final.Environment["ConnectionStrings__Releases"]);
        Assert.Contains("/data", final.All("VOLUME"));
    }

    [Theory]
    [MemberData(nameof(Image.Dockerfiles), MemberType = typeof(Image))]
    public void Build_stage_copies_every_project_it_publishes_before_restoring(string dockerfile)
    {
        var image = Image.Named(dockerfile);
        var copied = image.Read().Stages[0].All("COPY").Select(copy => copy.Split(' ')[0]).ToHashSet();

        Assert.All(Repository.ProjectClosure(image.Project), project => Assert.Contains(project, copied));
    }
}
