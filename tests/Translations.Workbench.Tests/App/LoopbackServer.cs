using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Translations.Workbench.Tests.App;

/// <summary>A small server in the test process (a stand-in for the service or an authority) on a free loopback port.</summary>
internal static class LoopbackServer
{
    public static async Task<WebApplication> StartAsync(HttpProtocols protocols, Action<WebApplicationBuilder> configure, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // Not the workbench's appsettings.json beside the tests, nor the environment: only this port.
        builder.Configuration.Sources.Clear();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, endpoint => endpoint.Protocols = protocols));
        configure(builder);
        var app = builder.Build();
        map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }

    /// <summary>http://127.0.0.1:port</summary>
    public static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
}
