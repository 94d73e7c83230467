using k8s;
using k8s.Models;

namespace Translations.Deployment.Tests;

/// <summary>The objects a kustomization renders, read strictly against the Kubernetes schema.</summary>
internal sealed class Manifests
{
    private Manifests(IReadOnlyList<object> objects) => Objects = objects;

    public IReadOnlyList<object> Objects { get; }

    public static Manifests Render(string kustomization) => Parse(Kustomize.Render(kustomization));

    /// <summary>
    /// Reads a YAML stream into KubernetesClient's model types, chosen by apiVersion and kind. Strict:
    /// an unknown field, a value of the wrong type or an unknown kind throws.
    /// </summary>
    public static Manifests Parse(string yaml) => new(KubernetesYaml.LoadAllFromString(yaml, typeMap: null, strict: true));

    public IEnumerable<T> OfKind<T>() => Objects.OfType<T>();

    public V1Deployment Deployment(string name) => OfKind<V1Deployment>().Single(deployment => deployment.Metadata.Name == name);

    public V1Service Service(string name) => OfKind<V1Service>().Single(service => service.Metadata.Name == name);

    public V1Deployment Translations => Deployment("translations");

    public V1Container TranslationsContainer =>
        Translations.Spec.Template.Spec.Containers.Single(container => container.Name == "translations");

    public IReadOnlyDictionary<string, string?> TranslationsEnvironment => EnvironmentOf(TranslationsContainer);

    public IEnumerable<string> TranslationsVariableNames => VariableNamesOf(TranslationsContainer);

    public V1Deployment Workbench => Deployment("translations-workbench");

    public V1Container WorkbenchContainer =>
        Workbench.Spec.Template.Spec.Containers.Single(container => container.Name == "workbench");

    public IReadOnlyDictionary<string, string?> WorkbenchEnvironment => EnvironmentOf(WorkbenchContainer);

    public IEnumerable<string> WorkbenchVariableNames => VariableNamesOf(WorkbenchContainer);

    /// <summary>
    /// The environment a container starts with: the ConfigMaps and Secrets it takes with envFrom, then
    /// its env entries (which win, as in Kubernetes). A value from a Secret is null.
    /// </summary>
    public IReadOnlyDictionary<string, string?> EnvironmentOf(V1Container container)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var source in container.EnvFrom ?? [])
        {
            if (source.ConfigMapRef is { } reference)
            {
                var map = OfKind<V1ConfigMap>().SingleOrDefault(map => map.Metadata.Name == reference.Name)
                    ?? throw new InvalidOperationException($"envFrom names ConfigMap {reference.Name}, which is not rendered.");
                foreach (var (key, value) in map.Data ?? new Dictionary<string, string>())
                {
                    environment[(source.Prefix ?? "") + key] = value;
                }
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            environment[variable.Name] = variable.ValueFrom is null ? variable.Value : null;
        }

        return environment;
    }

    /// <summary>Every variable name a container is given: ConfigMap data keys, envFrom Secret keys and env names.</summary>
    public IEnumerable<string> VariableNamesOf(V1Container container)
    {
        foreach (var source in container.EnvFrom ?? [])
        {
            if (source.SecretRef is { } secret)
            {
                foreach (var key in OfKind<V1Secret>().Where(s => s.Metadata.Name == secret.Name)
                             .SelectMany(s => (s.Data?.Keys ?? []).Concat(s.StringData?.Keys ?? [])))
                {
                    yield return (source.Prefix ?? "") + key;
                }
            }
        }

        foreach (var name in EnvironmentOf(container).Keys)
        {
            yield return name;
        }
    }
}
