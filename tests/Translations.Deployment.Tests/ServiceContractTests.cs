using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s.Models;
using Translations.Hosting;
using Translations.HttpJson;

namespace Translations.Deployment.Tests;

/// <summary>The manifests use the names, ports and timings the service itself defines.</summary>
public sealed partial class ServiceContractTests
{
    private const string GrpcUrl = "Kestrel__Endpoints__Grpc__Url";
    private static readonly string ManagementUrl = $"Kestrel__Endpoints__{HealthProbes.ManagementEndpoint}__Url";
    private static readonly string HttpUrl = $"Kestrel__Endpoints__{HttpJsonEndpoint.Name}__Url";

    [Theory]
    [MemberData(nameof(Kustomize.Kustomizations), MemberType = typeof(Kustomize))]
    public void Probes_ask_the_gRPC_health_services_the_service_serves_on_its_gRPC_port(string kustomization)
    {
        var manifests = Manifests.Render(kustomization);
        var container = manifests.TranslationsContainer;
        var grpcPort = Ports.Of(manifests.TranslationsEnvironment[GrpcUrl]);

        Assert.Equal(HealthProbes.Liveness, container.StartupProbe.Grpc.Service);
        Assert.Equal(HealthProbes.Liveness, container.LivenessProbe.Grpc.Service);
        Assert.Equal(HealthProbes.Readiness, container.ReadinessProbe.Grpc.Service);
        Assert.All(new[] { container.StartupProbe, container.LivenessProbe, container.ReadinessProbe },
            probe => Assert.Equal(grpcPort, probe.Grpc.Port));
    }

    [Theory]
    [MemberData(nameof(Kustomize.Kustomizations), MemberType = typeof(Kustomize))]
    public void Startup_probe_allows_five_minutes_for_migrations(string kustomization)
    {
        var probe = Manifests.Render(kustomization).TranslationsContainer.StartupProbe;

        var allowed = TimeSpan.FromSeconds((probe.FailureThreshold ?? 3) * (probe.PeriodSeconds ?? 10));

        Assert.InRange(allowed, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10));
    }

    [Theory]
    [MemberData(nameof(Kustomize.Kustomizations), MemberType = typeof(Kustomize))]
    public void Container_ports_are_the_Kestrel_endpoint_ports_and_the_ones_the_image_exposes(string kustomization)
    {
        var manifests = Manifests.Render(kustomization);
        var environment = manifests.TranslationsEnvironment;
        var ports = manifests.TranslationsContainer.Ports.ToDictionary(port => port.Name, port => port.ContainerPort);

        Assert.Equal(Ports.Of(environment[GrpcUrl]), ports["grpc"]);
        Assert.Equal(Ports.Of(environment[ManagementUrl]), ports["management"]);
        Assert.Equal(Ports.Of(environment[HttpUrl]), ports["http"]);
        Assert.Equal(Image.Service.Exposed().Order(), ports.Values.Order());
    }

    [Theory]
    [MemberData(nameof(Kustomize.Kustomizations), MemberType = typeof(Kustomize))]
    public void Service_routes_gRPC_as_h2c_and_management_and_HTTP_JSON_as_HTTP_to_the_named_container_ports(string kustomization)
    {
        var manifests = Manifests.Render(kustomization);
        var service = manifests.OfKind<V1Service>().Single(service => service.Metadata.Name == "translations");
        var containerPorts = manifests.TranslationsContainer.Ports.Select(port => port.Name).ToHashSet();

        var ports = service.Spec.Ports.ToDictionary(port => port.Name);

        Assert.Equal("kubernetes.io/h2c", ports["grpc"].AppProtocol);
        Assert.Equal("http", ports["management"].AppProtocol);
        Assert.Equal("http", ports["http"].AppProtocol);
        Assert.All(service.Spec.Ports, port => Assert.Contains(port.TargetPort.Value, containerPorts));
        Assert.Equal(
            manifests.Translations.Spec.Template.Metadata.Labels["app.kubernetes.io/name"],
            service.Spec.Selector["app.kubernetes.io/name"]);
    }

    [Fact]
    public void gRPC_endpoint_the_manifests_address_is_HTTP2_only_in_the_shipped_appsettings()
    {
        // h2c needs Protocols=Http2; the image finds appsettings.json because WORKDIR is /app.
        var settings = JsonNode.Parse(Repository.Read("src/Translations.Api/appsettings.json"))!;

        Assert.Equal("Http2", (string?)settings["Kestrel"]?["Endpoints"]?["Grpc"]?["Protocols"]);
    }

    [Fact]
    public void HTTP_JSON_endpoint_is_HTTP1_in_the_shipped_appsettings_on_the_port_the_README_names()
    {
        // curl and browsers speak HTTP/1.1 on plaintext; the README's examples use the default address.
        var settings = JsonNode.Parse(Repository.Read("src/Translations.Api/appsettings.json"))!;
        var http = settings["Kestrel"]?["Endpoints"]?[HttpJsonEndpoint.Name];

        Assert.Equal("Http1", (string?)http?["Protocols"]);
        Assert.Equal("http://127.0.0.1:5081", (string?)http?["Url"]);
        Assert.Contains(Repository.Read("README.md").Split('\n'),
            line => line.StartsWith("$ curl ", StringComparison.Ordinal) && line.Contains("http://127.0.0.1:5081/v1/releases", StringComparison.Ordinal));
    }

    [Fact]
    public void Base_images_are_the_ones_the_README_builds()
    {
        var builds = DockerBuild().Matches(Repository.Read("README.md"))
            .GroupBy(build => build.Groups["file"].Success ? build.Groups["file"].Value : "Dockerfile")
            .ToDictionary(file => file.Key, file => file.First().Groups["tag"].Value);
        var manifests = Manifests.Render(Kustomize.Base);

        Assert.True(builds.ContainsKey(Image.Service.Dockerfile), "README.md has no `docker build -t <name> .` command.");
        Assert.True(builds.ContainsKey(Image.Workbench.Dockerfile), "README.md has no `docker build -f Dockerfile.workbench -t <name> .` command.");
        Assert.Equal(builds[Image.Service.Dockerfile], manifests.TranslationsContainer.Image);
        Assert.Equal(builds[Image.Workbench.Dockerfile], manifests.WorkbenchContainer.Image);
        Assert.Equal(Image.Service.Tag, manifests.TranslationsContainer.Image);
        Assert.Equal(Image.Workbench.Tag, manifests.WorkbenchContainer.Image);
    }

    [Fact]
    public void Production_overlay_pins_a_tag_of_the_same_images()
    {
        var manifests = Manifests.Render(Kustomize.Production);

        Assert.All(new[] { (manifests.TranslationsContainer, Image.Service), (manifests.WorkbenchContainer, Image.Workbench) }, pair =>
        {
            Assert.Matches($@"/{pair.Item2.Tag}:[\w][\w.-]*$", pair.Item1.Image);
            Assert.DoesNotContain(":latest", pair.Item1.Image);
        });
    }

    [Theory]
    [MemberData(nameof(Kustomize.Kustomizations), MemberType = typeof(Kustomize))]
    public void Termination_grace_period_exceeds_the_draining_delay_and_timeout(string kustomization)
    {
        var manifests = Manifests.Render(kustomization);
        var defaults = new DrainingOptions();

        // The workbench drains on SIGTERM as the service does (the same Draining__* settings and defaults).
        Assert.All(new[] { (manifests.Translations, manifests.TranslationsEnvironment), (manifests.Workbench, manifests.WorkbenchEnvironment) }, pair =>
        {
            var (deployment, environment) = pair;
            var delay = Duration(environment, $"{DrainingOptions.Section}__{nameof(DrainingOptions.Delay)}") ?? defaults.Delay;
            var timeout = Duration(environment, $"{DrainingOptions.Section}__{nameof(DrainingOptions.Timeout)}") ?? defaults.Timeout;
            var grace = TimeSpan.FromSeconds(deployment.Spec.Template.Spec.TerminationGracePeriodSeconds ?? 30);

            Assert.True(grace > delay + timeout,
                $"{deployment.Metadata.Name}: terminationGracePeriodSeconds ({grace.TotalSeconds} s) must exceed Draining__Delay ({delay}) + Draining__Timeout ({timeout}).");
        });
    }

    [Theory]
    [MemberData(nameof(Kustomize.Kustomizations), MemberType = typeof(Kustomize))]
    public void Pods_run_as_the_image_user_without_privileges_on_a_read_only_root(string kustomization)
    {
        var manifests = Manifests.Render(kustomization);

        Assert.All(new[] { (manifests.Translations, manifests.TranslationsContainer), (manifests.Workbench, manifests.WorkbenchContainer) }, pair =>
        {
            var (deployment, container) = pair;
            var pod = deployment.Spec.Template.Spec;
            var context = container.SecurityContext;
            Assert.True(pod.SecurityContext.RunAsNonRoot);
            Assert.Equal(DockerfileTests.AppUid, context.RunAsUser ?? pod.SecurityContext.RunAsUser);
            Assert.True(context.ReadOnlyRootFilesystem);
            Assert.False(context.AllowPrivilegeEscalation);
            Assert.Equal(["ALL"], context.Capabilities.Drop);
            Assert.Equal("RuntimeDefault", (context.SeccompProfile ?? pod.SecurityContext.SeccompProfile).Type);
            Assert.False(pod.AutomountServiceAccountToken);
            Assert.Contains(container.VolumeMounts, mount => mount.MountPath == "/tmp"
                && pod.Volumes.Single(volume => volume.Name == mount.Name).EmptyDir is not null);
        });
    }

    private static TimeSpan? Duration(IReadOnlyDictionary<string, string?> environment, string name) =>
        environment.TryGetValue(name, out var value) && value is not null
            ? TimeSpan.Parse(value, CultureInfo.InvariantCulture)
            : null;

    [GeneratedRegex(@"docker build (-f (?<file>[\w.]+) )?-t (?<tag>[a-z0-9][a-z0-9._/-]*) \.")]
    private static partial Regex DockerBuild();
}
