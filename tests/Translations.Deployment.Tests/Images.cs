namespace Translations.Deployment.Tests;

/// <summary>The images the repository builds: each Dockerfile, the project it publishes and the assembly it runs.</summary>
internal sealed record Image(string Dockerfile, string Project, string Assembly, string Tag)
{
    public static Image Service { get; } = new("Dockerfile", Repository.ApiProject, "Translations.Api.dll", "translations-api");

    public static Image Workbench { get; } =
        new("Dockerfile.workbench", Repository.WorkbenchProject, "Translations.Workbench.dll", "translations-workbench");

    public static Image Named(string dockerfile) => new[] { Service, Workbench }.Single(image => image.Dockerfile == dockerfile);

    public static TheoryData<string> Dockerfiles => new(Service.Dockerfile, Workbench.Dockerfile);

    public Dockerfile Read() => Tests.Dockerfile.Read(Dockerfile);

    /// <summary>The ports the final stage exposes.</summary>
    public IEnumerable<int> Exposed() =>
        Read().Final.All("EXPOSE").SelectMany(ports => ports.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(port => int.Parse(port.Split('/')[0]));
}
