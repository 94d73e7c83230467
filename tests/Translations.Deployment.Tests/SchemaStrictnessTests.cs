using k8s.Models;

namespace Translations.Deployment.Tests;

/// <summary>The schema check the rendering tests rely on rejects what the API server would.</summary>
public sealed class SchemaStrictnessTests
{
    private const string Valid = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: example
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: example
          template:
            metadata:
              labels:
                app: example
            spec:
              containers:
                - name: example
                  image: example
                  command: ["dotnet", "Example.dll"]
                  ports:
                    - containerPort: 8080
        """;

    [Fact]
    public void A_valid_manifest_is_read_into_its_model_type()
    {
        var manifests = Manifests.Parse(Valid);

        var deployment = Assert.IsType<V1Deployment>(Assert.Single(manifests.Objects));
        Assert.Equal(2, deployment.Spec.Replicas);
        Assert.Equal(8080, deployment.Spec.Template.Spec.Containers[0].Ports[0].ContainerPort);
    }

    [Fact]
    public void A_manifest_with_an_unknown_field_is_rejected()
    {
        var error = Record.Exception(() => Manifests.Parse(Valid.Replace("replicas: 2", "replicaz: 2")));

        Assert.NotNull(error);
        Assert.Contains("replicaz", error.ToString());
    }

    [Fact]
    public void A_manifest_with_a_number_of_the_wrong_type_is_rejected()
    {
        Assert.ThrowsAny<Exception>(() => Manifests.Parse(Valid.Replace("containerPort: 8080", "containerPort: grpc")));
    }

    [Fact]
    public void A_manifest_with_a_string_where_a_list_belongs_is_rejected()
    {
        var scalar = Valid.Replace("""command: ["dotnet", "Example.dll"]""", "command: dotnet Example.dll");

        Assert.ThrowsAny<Exception>(() => Manifests.Parse(scalar));
    }

    [Fact]
    public void An_object_of_an_unknown_kind_is_rejected()
    {
        Assert.ThrowsAny<Exception>(() => Manifests.Parse(Valid.Replace("kind: Deployment", "kind: Deploymnet")));
    }
}
