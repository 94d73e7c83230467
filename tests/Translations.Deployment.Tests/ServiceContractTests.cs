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
        Assert.Equal(DockerfileTests.Exposed().Order(), ports.Values.Order());
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
    public void Base_image_is_the_one_the_README_builds()
    {
        var build = DockerBuildTag().Match(Repository.Read("README.md"));
        Assert.True(build.Success, "README.md has no `docker build -t <name> .` command.");

        var image = Manifests.Render(Kustomize.Base).TranslationsContainer.Image;

        Assert.Equal(build.Groups["tag"].Value, image);
    }

    [Fact]
    public void Production_overlay_pins_a_tag_of_the_same_image()
    {
        var image = Manifests.Render(Kustomize.Production).TranslationsContainer.Image;

        Assert.Matches(@"/translations-api:[\w][\w.-]*$", image);
        Assert.DoesNotContain(":latest", image);
    }

    [Theory]
    [MemberData(nameof(Kustomize.Kustomizations), MemberType = typeof(Kustomize))]
    public void Termination_grace_period_exceeds_the_draining_delay_and_timeout(string kustomization)
    {
        var manifests = Manifests.Render(kustomization);
        var environment = manifests.TranslationsEnvironment;
        var defaults = new DrainingOptions();

        var delay = Duration(environment, $"{DrainingOptions.Section}__{nameof(DrainingOptions.Delay)}") ?? defaults.Delay;
        var timeout = Duration(environment, $"{DrainingOptions.Section}__{nameof(DrainingOptions.Timeout)}") ?? defaults.Timeout;
        var grace = TimeSpan.FromSeconds(manifests.Translations.Spec.Template.Spec.TerminationGracePeriodSeconds ?? 30);

        Assert.True(grace > delay + timeout,
            $"terminationGracePeriodSeconds ({grace.TotalSeconds} s) must exceed Draining__Delay ({delay}) + Draining__Timeout ({timeout}).");
    }

    [Theory]
    [MemberData(nameof(Kustomize.Kustomizations), MemberType = typeof(Kustomize))]
    public void Pods_run_as_the_image_user_without_privileges_on_a_read_only_root(string kustomization)
    {
        var manifests = Manifests.Render(kustomization);
        var pod = manifests.Translations.Spec.Template.Spec;
        var context = manifests.TranslationsContainer.SecurityContext;

        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal(DockerfileTests.AppUid, context.RunAsUser ?? pod.SecurityContext.RunAsUser);
        Assert.True(context.ReadOnlyRootFilesystem);
        Assert.False(context.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], context.Capabilities.Drop);
        Assert.Equal("RuntimeDefault", (context.SeccompProfile ?? pod.SecurityContext.SeccompProfile).Type);
        Assert.False(pod.AutomountServiceAccountToken);
        Assert.Contains(manifests.TranslationsContainer.VolumeMounts, mount => mount.MountPath == "/tmp"
            && pod.Volumes.Single(volume => volume.Name == mount.Name).EmptyDir is not null);
    }

    private static TimeSpan? Duration(IReadOnlyDictionary<string, string?> environment, string name) =>
        environment.TryGetValue(name, out var value) && value is not null
            ? TimeSpan.Parse(value, CultureInfo.InvariantCulture)
            : null;

    [GeneratedRegex(@"docker build -t (?<tag>[a-z0-9][a-z0-9._/-]*) \.")]
    private static partial Regex DockerBuildTag();
}
