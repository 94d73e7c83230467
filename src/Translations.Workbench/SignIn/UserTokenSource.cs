using Microsoft.AspNetCore.Components.Authorization;
using Translations.Client;

namespace Translations.Workbench.SignIn;

/// <summary>
/// The signed-in person's access token, for every call the workbench makes on their behalf. Registered per
/// scope, which in Blazor Server is the circuit (one browser tab) and during a plain request is the request.
/// The client factory creates the gRPC clients in the scope that asks for them and resolves the token
/// source from that same scope at each call, so each circuit's calls carry its own user's token while
/// the connections to the service stay shared; no ambient (AsyncLocal) state is needed.
/// </summary>
public sealed class UserTokenSource(AuthenticationStateProvider authentication) : ITokenSource
{
    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) =>
        WorkbenchUser.TokenOf((await authentication.GetAuthenticationStateAsync()).User);
}
