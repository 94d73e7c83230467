using k8s;
using k8s.Models;

namespace Translations.Deployment.Tests;

public sealed class RenderingTests
{
    [Theory]
    [MemberData(nameof(Kustomize.Kustomizations), MemberType = typeof(Kustomize))]
    public void Kustomization_renders_with_kubectl_kustomize(string kustomization)
    {
        var yaml = Kustomize.Render(kustomization);

        Assert.Contains("kind: Deployment", yaml);
        Assert.Contains("name: translations", yaml);
    }

    [Theory]
    [MemberData(nameof(Kustomize.Kustomizations), MemberType = typeof(Kustomize))]
    public void Every_rendered_object_passes_the_strict_Kubernetes_schema(string kustomization)
    {
        var yaml = Kustomize.Render(kustomization);

        var manifests = Manifests.Parse(yaml);

        // Every document became a model type: nothing was skipped or read as a loose dictionary.
        var documents = yaml.Split("\n---\n").Count(document => document.Contains("kind:"));
        Assert.Equal(documents, manifests.Objects.Count);
        Assert.All(manifests.Objects, item => Assert.IsAssignableFrom<IKubernetesObject>(item));
        Assert.Single(manifests.OfKind<V1Deployment>(), deployment => deployment.Metadata.Name == "translations");
        Assert.Single(manifests.OfKind<V1Service>(), service => service.Metadata.Name == "translations");
        Assert.Single(manifests.OfKind<V1ServiceAccount>(), account => account.Metadata.Name == "translations");
        Assert.Single(manifests.OfKind<V1Deployment>(), deployment => deployment.Metadata.Name == "translations-workbench");
        Assert.Single(manifests.OfKind<V1Service>(), service => service.Metadata.Name == "translations-workbench");
        Assert.Single(manifests.OfKind<V1ServiceAccount>(), account => account.Metadata.Name == "translations-workbench");
        Assert.Single(manifests.OfKind<V1PodDisruptionBudget>());
        Assert.Single(manifests.OfKind<V2HorizontalPodAutoscaler>());
    }
}
