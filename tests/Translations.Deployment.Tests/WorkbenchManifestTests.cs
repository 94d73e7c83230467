using k8s.Models;
using Translations.Hosting;

namespace Translations.Deployment.Tests;

/// <summary>The workbench's Deployment and Service: wired to the service's Service, its own image, ports and sign-in.</summary>
public sealed class WorkbenchManifestTests
{
    private const string ServiceAddress = "Workbench__ServiceAddress";
    private const string HttpUrl = "Kestrel__Endpoints__Http__Url";

    [Theory]
    [MemberData(nameof(Kustomize.Kustomizations), MemberType = typeof(Kustomize))]
    public void Workbench_calls_the_service_through_its_Service_on_the_gRPC_port(string kustomization)
    {
        var manifests = Manifests.Render(kustomization);
        var service = manifests.Service("translations");

        var address = new Uri(manifests.WorkbenchEnvironment[ServiceAddress]!);

        Assert.Equal("http", address.Scheme);
        Assert.Equal(service.Metadata.Name, address.Host);
        Assert.Equal(service.Spec.Ports.Single(port => port.Name == "grpc").Port, address.Port);
    }

    [Theory]
    [MemberData(nameof(Kustomize.Kustomizations), MemberType = typeof(Kustomize))]
    public void Workbench_container_port_is_its_Kestrel_endpoint_port_and_the_one_its_image_exposes(string kustomization)
    {
        var manifests = Manifests.Render(kustomization);
        var port = manifests.WorkbenchContainer.Ports.Single();

        Assert.Equal("http", port.Name);
        Assert.Equal(Ports.Of(manifests.WorkbenchEnvironment[HttpUrl]), port.ContainerPort);
        Assert.Equal([port.ContainerPort], Image.Workbench.Exposed());
    }

    [Theory]
    [MemberData(nameof(Kustomize.Kustomizations), MemberType = typeof(Kustomize))]
    public void Probes_ask_the_workbench_s_health_paths_on_its_HTTP_port(string kustomization)
    {
        var container = Manifests.Render(kustomization).WorkbenchContainer;

        Assert.Equal(HealthProbes.LivePath, container.LivenessProbe.HttpGet.Path);
        Assert.Equal(HealthProbes.ReadyPath, container.ReadinessProbe.HttpGet.Path);
        Assert.All(new[] { container.LivenessProbe, container.ReadinessProbe }, probe => Assert.Equal("http", probe.HttpGet.Port.Value));
    }

    [Theory]
    [MemberData(nameof(Kustomize.Kustomizations), MemberType = typeof(Kustomize))]
    public void Workbench_Service_routes_HTTP_to_the_workbench_pods_and_no_others(string kustomization)
    {
        var manifests = Manifests.Render(kustomization);
        var service = manifests.Service("translations-workbench");
        var selector = service.Spec.Selector;

        var port = service.Spec.Ports.Single();

        Assert.Equal("http", port.AppProtocol);
        Assert.Contains(port.TargetPort.Value, manifests.WorkbenchContainer.Ports.Select(containerPort => containerPort.Name));
        Assert.True(Selects(selector, manifests.Workbench.Spec.Template.Metadata.Labels), "The Service does not select the workbench's pods.");
        Assert.False(Selects(selector, manifests.Translations.Spec.Template.Metadata.Labels), "The workbench's Service selects the service's pods.");
        Assert.False(Selects(manifests.Service("translations").Spec.Selector, manifests.Workbench.Spec.Template.Metadata.Labels),
            "The service's Service selects the workbench's pods.");
    }

    [Fact]
    public void Dev_workbench_signs_people_in_with_the_key_issuer_and_audience_the_service_checks()
    {
        var manifests = Manifests.Render(Kustomize.Dev);
        var workbench = manifests.WorkbenchEnvironment;
        var service = manifests.TranslationsEnvironment;

        // The /signin page exists only in Development.
        Assert.Equal("Development", workbench["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equivalent(KeyReference(manifests.TranslationsContainer), KeyReference(manifests.WorkbenchContainer));
        Assert.Equal(service["Auth__Issuer"], workbench["Auth__Issuer"]);
        Assert.Equal(service["Auth__Audience"], workbench["Auth__Audience"]);
        Assert.False(workbench.ContainsKey("Auth__Authority"));
    }

    [Fact]
    public void Production_workbench_signs_people_in_at_the_authority_the_service_trusts()
    {
        var manifests = Manifests.Render(Kustomize.Production);
        var workbench = manifests.WorkbenchEnvironment;
        var service = manifests.TranslationsEnvironment;

        Assert.Equal("Production", workbench["ASPNETCORE_ENVIRONMENT"]);
        Assert.StartsWith("https://", workbench["Auth__Authority"]);
        Assert.Equal(service["Auth__Authority"], workbench["Auth__Authority"]);
        Assert.False(string.IsNullOrWhiteSpace(workbench["Workbench__ClientId"]));
        // The service takes one way of checking tokens: with the authority, no shared key.
        Assert.Null(KeyReference(manifests.TranslationsContainer));
        Assert.Null(KeyReference(manifests.WorkbenchContainer));
    }

    [Theory]
    [MemberData(nameof(Kustomize.Kustomizations), MemberType = typeof(Kustomize))]
    public void Workbench_client_secret_comes_from_an_optional_Secret_and_is_never_written_in_the_manifests(string kustomization)
    {
        var manifests = Manifests.Render(kustomization);

        var secret = manifests.WorkbenchContainer.Env.Single(variable => variable.Name == "Workbench__ClientSecret").ValueFrom.SecretKeyRef;

        Assert.Equal("translations-workbench-secrets", secret.Name);
        Assert.True(secret.Optional);
        Assert.DoesNotContain(manifests.OfKind<V1Secret>(), s => s.Metadata.Name == secret.Name);
        Assert.DoesNotContain(manifests.OfKind<V1ConfigMap>(), map => map.Data?.ContainsKey("Workbench__ClientSecret") == true);
    }

    private static V1SecretKeySelector? KeyReference(V1Container container) =>
        container.Env?.SingleOrDefault(variable => variable.Name == "Auth__SigningKey")?.ValueFrom?.SecretKeyRef;

    private static bool Selects(IDictionary<string, string> selector, IDictionary<string, string> labels) =>
        selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);
}
