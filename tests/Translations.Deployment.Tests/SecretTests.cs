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

        Assert.Equal(3, references.Count);
        Assert.All(references, name => Assert.Equal(SecretName, name));
    }

    [Fact]
    public void Service_takes_its_connection_strings_and_signing_key_from_the_Secret()
    {
        var container = Manifests.Render(Kustomize.Production).TranslationsContainer;

        var fromSecret = (container.Env ?? []).Where(variable => variable.ValueFrom?.SecretKeyRef is not null)
            .ToDictionary(variable => variable.Name, variable => variable.ValueFrom.SecretKeyRef.Key);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["ConnectionStrings__Releases"] = "ConnectionStrings__Releases",
                ["ConnectionStrings__Redis"] = "ConnectionStrings__Redis",
                ["Auth__SigningKey"] = "Auth__SigningKey",
            },
            fromSecret);
    }

    [Fact]
    public void Dev_Secret_holds_every_key_the_service_references()
    {
        var manifests = Manifests.Render(Kustomize.Dev);
        var secret = manifests.OfKind<V1Secret>().Single(secret => secret.Metadata.Name == SecretName);

        var referenced = manifests.TranslationsContainer.Env
            .Select(variable => variable.ValueFrom?.SecretKeyRef?.Key).OfType<string>();

        Assert.All(referenced, key => Assert.True(
            secret.Data?.ContainsKey(key) == true || secret.StringData?.ContainsKey(key) == true,
            $"The dev Secret has no key {key}."));
    }
}
