using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Translations.Client;
using Translations.Tokens;
using Translations.V1;
using Translations.Workbench.Hosting;
using Translations.Workbench.SignIn;

namespace Translations.Workbench.Tests.App;

/// <summary>
/// Every call the workbench makes carries the token of the person whose circuit made it. The service's
/// side is a gRPC server in the test process that notes who asked for what, with which token.
/// </summary>
public sealed class UserTokenTests
{
    private static readonly SigningSettings Signing = new("a development key of at least thirty-two bytes", DevelopmentSigning.Issuer, DevelopmentSigning.Audience);

    [Fact]
    public async Task Two_people_working_at_once_each_call_with_their_own_token()
    {
        var seen = new ConcurrentBag<(string ReleaseId, string? Authorization)>();
        await using var service = await RecordingService.StartAsync(seen);
        await using var provider = Services(LoopbackServer.Address(service));
        var anna = Signing.Mint(new TokenClaims("anna", [WorkbenchUser.Translator], ["en"]), TimeSpan.FromHours(1));
        var boris = Signing.Mint(new TokenClaims("boris", [WorkbenchUser.Editor], []), TimeSpan.FromHours(1));
        await using var annasCircuit = SignedIn(provider, anna);
        await using var borissCircuit = SignedIn(provider, boris);

        var annasClient = annasCircuit.ServiceProvider.GetRequiredService<TranslationsClient>();
        var borissClient = borissCircuit.ServiceProvider.GetRequiredService<TranslationsClient>();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? annasClient.GetReleaseAsync($"anna-{i}", cancellationToken: TestContext.Current.CancellationToken)
            : borissClient.GetReleaseAsync($"boris-{i}", cancellationToken: TestContext.Current.CancellationToken)));

        Assert.Equal(20, seen.Count);
        Assert.All(seen, call => Assert.Equal($"Bearer {(call.ReleaseId.StartsWith("anna", StringComparison.Ordinal) ? anna : boris)}", call.Authorization));
    }

    [Fact]
    public async Task A_circuit_without_a_signed_in_person_sends_no_token()
    {
        var seen = new ConcurrentBag<(string ReleaseId, string? Authorization)>();
        await using var service = await RecordingService.StartAsync(seen);
        await using var provider = Services(LoopbackServer.Address(service));
        await using var circuit = provider.CreateAsyncScope();
        circuit.ServiceProvider.GetRequiredService<ServerAuthenticationStateProvider>()
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(new System.Security.Claims.ClaimsPrincipal())));

        await circuit.ServiceProvider.GetRequiredService<TranslationsClient>().GetReleaseAsync("nobody", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Null(Assert.Single(seen).Authorization);
    }

    private static ServiceProvider Services(string serviceAddress)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<WorkbenchOptions>().Configure(options => options.ServiceAddress = serviceAddress);
        services.AddScoped<ServerAuthenticationStateProvider>();
        services.AddScoped<AuthenticationStateProvider>(scope => scope.GetRequiredService<ServerAuthenticationStateProvider>());
        services.AddWorkbenchClient();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    private static AsyncServiceScope SignedIn(ServiceProvider provider, string token)
    {
        var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ServerAuthenticationStateProvider>()
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(WorkbenchUser.FromAccessToken(token))));
        return scope;
    }

    /// <summary>Answers every GetRelease with NOT_FOUND after noting which release was asked for, and with what token.</summary>
    private sealed class RecordingService(ConcurrentBag<(string, string?)> seen) : ReleaseService.ReleaseServiceBase
    {
        public static Task<WebApplication> StartAsync(ConcurrentBag<(string, string?)> seen) =>
            LoopbackServer.StartAsync(HttpProtocols.Http2,
                builder => builder.Services.AddGrpc().Services.AddSingleton(seen),
                app => app.MapGrpcService<RecordingService>());

        public override Task<GetReleaseResponse> GetRelease(GetReleaseRequest request, ServerCallContext context)
        {
            seen.Add((request.Id, context.RequestHeaders.GetValue("authorization")));
            throw new RpcException(new Status(StatusCode.NotFound, "No such release."));
        }
    }
}
