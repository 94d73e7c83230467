using k8s.Models;

namespace Translations.Deployment.Tests;

public sealed class SecretTests
{
    private const string SecretName = "translations-secrets";

    [Fact]
    public void Base_holds_no_Secret_with_values()
    {
        var secrets = Manifests.Render(Kustomize.Base).OfKind<V1Secret>();

        Assert.All(secrets, secret =>
        {
            Assert.Empty(secret.Data ?? new Dictionary<string, byte[]>());
            Assert.Empty(secret.StringData ?? new Dictionary<string, string>());
        });
    }

    [Fact]
    public void Production_overlay_holds_no_Secret_at_all()
    {
        Assert.Empty(Manifests.Render(Kustomize.Production).OfKind<V1Secret>());
    }

    [Theory]
    [MemberData(nameof(Kustomize.Kustomizations), MemberType = typeof(Kustomize))]
    public void Every_secret_reference_of_the_service_names_translations_secrets(string kustomization)
    {
        var container = Manifests.Render(kustomization).TranslationsContainer;

        var references = (container.Env ?? []).Select(variable => variable.ValueFrom?.SecretKeyRef?.Name)
            .Concat((container.EnvFrom ?? []).Select(source => source.SecretRef?.Name))
            .OfType<string>()
            .ToList();

        Assert.NotEmpty(references);
        Assert.All(references, name => Assert.Equal(SecretName, name));
    }

    [Fact]
    public void Dev_service_takes_its_connection_strings_and_signing_key_from_the_Secret()
    {
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["ConnectionStrings__Releases"] = "ConnectionStrings__Releases",
                ["ConnectionStrings__Redis"] = "ConnectionStrings__Redis",
                ["Auth__SigningKey"] = "Auth__SigningKey",
            },
            FromSecret(Manifests.Render(Kustomize.Dev).TranslationsContainer));
    }

    [Fact]
    public void Production_service_takes_its_connection_strings_from_the_Secret_and_no_signing_key()
    {
        // It checks tokens against the OpenID Connect authority the workbench signs people in at.
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["ConnectionStrings__Releases"] = "ConnectionStrings__Releases",
                ["ConnectionStrings__Redis"] = "ConnectionStrings__Redis",
            },
            FromSecret(Manifests.Render(Kustomize.Production).TranslationsContainer));
    }

    private static Dictionary<string, string> FromSecret(V1Container container) =>
        (container.Env ?? []).Where(variable => variable.ValueFrom?.SecretKeyRef is not null)
            .ToDictionary(variable => variable.Name, variable => variable.ValueFrom.SecretKeyRef.Key);

    [Fact]
    public void Dev_Secret_holds_every_key_the_service_and_the_workbench_require()
    {
        var manifests = Manifests.Render(Kustomize.Dev);

        var required = new[] { manifests.TranslationsContainer, manifests.WorkbenchContainer }
            .SelectMany(container => container.Env ?? [])
            .Select(variable => variable.ValueFrom?.SecretKeyRef)
            .OfType<V1SecretKeySelector>()
            .Where(reference => reference.Optional != true);

        Assert.All(required, reference =>
        {
            var secret = manifests.OfKind<V1Secret>().SingleOrDefault(secret => secret.Metadata.Name == reference.Name);
            Assert.True(secret is not null, $"The dev overlay has no Secret {reference.Name}.");
            Assert.True(secret.Data?.ContainsKey(reference.Key) == true || secret.StringData?.ContainsKey(reference.Key) == true,
                $"The dev Secret {reference.Name} has no key {reference.Key}.");
        });
    }
}
