using Microsoft.Extensions.DependencyInjection;
using Translations.Client;
using Translations.Tokens;

namespace Translations.Tests.Infrastructure;

/// <summary>Translations clients registered the way a service registers them (<c>AddTranslationsClient</c>), each in its own container, disposed together.</summary>
public sealed class RegisteredClients : IAsyncDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    /// <summary>A client of <paramref name="address"/> calling as <paramref name="caller"/> (with a token from the tests' signing key), or with no token.</summary>
    public TranslationsClient For(Uri address, TokenClaims? caller, Action<TranslationsClientOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        services?.Invoke(collection);
        collection.AddTranslationsClient(options =>
        {
            options.Address = address;
            options.Token = caller is null ? null : TranslationsApp.Signing.Mint(caller, TimeSpan.FromHours(1));
            configure?.Invoke(options);
        });
        var provider = collection.BuildServiceProvider();
        lock (_providers)
        {
            _providers.Add(provider);
        }
        return provider.GetRequiredService<TranslationsClient>();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
    }
}
