using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Translations.Hosting;
using Translations.Workbench.Hosting;

namespace Translations.Workbench.SignIn;

/// <summary>
/// Sign-in keeps the person in a cookie, with the access token the service checks (<see cref="WorkbenchUser"/>).
/// With <c>Auth__Authority</c>: OpenID Connect, authorization code flow with PKCE, as the client
/// <c>Workbench__ClientId</c>. Without, in Development only: the <c>/signin</c> page (<see cref="DevelopmentTokens"/>).
/// </summary>
public static class SignInExtensions
{
    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";
    public const string NoAccessPath = "/no-access";
    private const string CookieName = ".Translations.Workbench";

    public static IHostApplicationBuilder AddSignIn(this IHostApplicationBuilder builder)
    {
        var signIn = builder.Configuration.GetSettings<SignInOptions>(SignInOptions.Section);
        var workbench = builder.Configuration.GetSettings<WorkbenchOptions>(WorkbenchOptions.Section);
        var authentication = builder.Services.AddAuthentication(options =>
        {
            options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.DefaultChallengeScheme = signIn.UsesAuthority ? OpenIdConnectDefaults.AuthenticationScheme : CookieAuthenticationDefaults.AuthenticationScheme;
        });
        authentication.AddCookie(options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = SignInPath;
            options.AccessDeniedPath = NoAccessPath;
            options.ExpireTimeSpan = DevelopmentTokens.Lifetime;
            options.SlidingExpiration = false;
            // The cookie is worth only as long as the token in it: afterwards, sign in again.
            options.Events.OnValidatePrincipal = context =>
            {
                if (context.Principal is { } user && WorkbenchUser.ExpiresOf(user) is { } expires && expires <= TimeProvider.System.GetUtcNow())
                {
                    context.RejectPrincipal();
                    return context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                }
                return Task.CompletedTask;
            };
        });
        if (signIn.UsesAuthority)
        {
            authentication.AddOpenIdConnect(options => ConfigureOpenIdConnect(options, signIn, workbench));
        }
        builder.Services.AddSingleton<DevelopmentTokens>();
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    private static void ConfigureOpenIdConnect(OpenIdConnectOptions options, SignInOptions signIn, WorkbenchOptions workbench)
    {
        options.Authority = signIn.Authority;
        options.RequireHttpsMetadata = signIn.RequireHttpsMetadata;
        options.ClientId = workbench.ClientId;
        options.ClientSecret = string.IsNullOrWhiteSpace(workbench.ClientSecret) ? null : workbench.ClientSecret;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        // The code comes back in the query of a top-level GET, so the correlation and nonce cookies can be
        // SameSite=Lax and need not be Secure: sign-in also works on plain http (a local authority), where
        // a form_post's cross-site POST would need SameSite=None, which browsers allow only with Secure.
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.SaveTokens = true;
        options.MapInboundClaims = false;
        options.Scope.Clear();
        foreach (var scope in $"openid profile {workbench.Scope}".Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            options.Scope.Add(scope);
        }
        options.Events.OnTokenValidated = context =>
        {
            // The person, as the service will see them: the claims of the access token, not of the id token.
            if (context.TokenEndpointResponse?.AccessToken is not { Length: > 0 } accessToken)
            {
                context.Fail("The authority returned no access token for the Translations service.");
                return Task.CompletedTask;
            }
            var displayName = context.Principal?.FindFirst("name")?.Value ?? context.Principal?.FindFirst("preferred_username")?.Value;
            context.Principal = WorkbenchUser.FromAccessToken(accessToken, displayName);
            if (WorkbenchUser.ExpiresOf(context.Principal) is { } expires)
            {
                context.Properties!.ExpiresUtc = expires;
            }
            return Task.CompletedTask;
        };
    }

    public static WebApplication UseSignIn(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    /// <summary><c>/</c> sends each person to their queue; <c>POST /signout</c> ends the session (and the authority's).</summary>
    public static WebApplication MapSignIn(this WebApplication app)
    {
        var usesAuthority = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SignInOptions>>().Value.UsesAuthority;
        app.MapGet("/", (HttpContext context) => Results.LocalRedirect(WorkbenchUser.HomeOf(context.User))).RequireAuthorization();
        app.MapPost(SignOutPath, async (HttpContext context, IAntiforgery antiforgery) =>
        {
            // Only the page's own form signs out: another site cannot end the session.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            if (usesAuthority)
            {
                return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIdConnectDefaults.AuthenticationScheme]);
            }
            return Results.LocalRedirect(SignInPath);
        }).DisableAntiforgery();
        return app;
    }
}
