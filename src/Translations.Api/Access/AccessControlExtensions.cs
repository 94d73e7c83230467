using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Translations.Access;
using Translations.Hosting;

namespace Microsoft.Extensions.Hosting;

public static class AccessControlExtensions
{
    /// <summary>Bearer JWTs (an OpenID Connect authority or a shared HS256 key), a policy per right, and write rate limits.</summary>
    public static IHostApplicationBuilder AddAccessControl(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindSettings(AuthOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        if (builder.Environment.IsDevelopment())
        {
            services.AddSingleton<IPostConfigureOptions<AuthOptions>, DevelopmentSigningKey>();
        }

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<AuthOptions>, TimeProvider>(ConfigureBearer);

        services.AddAuthorization(options =>
        {
            foreach (var right in Enum.GetValues<Right>())
            {
                options.AddPolicy(RequiresRightAttribute.PolicyFor(right),
                    policy => policy.RequireAuthenticatedUser().AddRequirements(new RightRequirement(right)));
            }
            options.FallbackPolicy = options.GetPolicy(RequiresRightAttribute.PolicyFor(Right.Operate));
        });
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessRefusals>();
        services.AddWriteRateLimiting();
        return builder;
    }

    public static WebApplication UseAccessControl(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    private static void ConfigureBearer(JwtBearerOptions bearer, IOptions<AuthOptions> authOptions, TimeProvider time)
    {
        var auth = authOptions.Value;
        bearer.MapInboundClaims = false;
        bearer.TokenHandlers.Clear();
        bearer.TokenHandlers.Add(new ValidatedTokenCache(new JsonWebTokenHandler { MapInboundClaims = false }, time));
        var validation = bearer.TokenValidationParameters;
        validation.NameClaimType = CallerClaims.Subject;
        validation.RoleClaimType = CallerClaims.Role;
        validation.ValidAudience = auth.Audience;
        validation.ClockSkew = auth.ClockSkew;
        if (auth.UsesAuthority)
        {
            bearer.Authority = auth.Authority;
            bearer.RequireHttpsMetadata = auth.RequireHttpsMetadata;
        }
        else
        {
            validation.ValidIssuer = auth.Issuer;
            validation.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.SigningKey!));
            validation.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }
        bearer.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (CallerClaims.ProblemWithSubject(context.Principal?.FindFirst(CallerClaims.Subject)) is { } problem)
                {
                    context.Fail(new InvalidSubjectException(problem));
                }
                return Task.CompletedTask;
            },
            // Only a real failure to fetch an authority's keys is not the caller's fault: it becomes
            // UNAVAILABLE. A token that cannot even be read (not a JWT, not JSON, claims of the wrong
            // type) is the token's fault whatever the keys, and without an authority every failure is.
            OnAuthenticationFailed = async context =>
            {
                if (context.Options.ConfigurationManager is not null && !IsUnreadable(context.Exception) && await AuthorityUnreachableAsync(context))
                {
                    context.Fail(new AuthorityUnavailableException(context.Exception));
                }
            },
        };
    }

    private static bool IsUnreadable(Exception exception) =>
        exception is ArgumentException or System.Text.Json.JsonException or FormatException;

    /// <summary>Only with an authority: whether its metadata and keys can be had (cached when they can).</summary>
    private static async Task<bool> AuthorityUnreachableAsync(AuthenticationFailedContext context)
    {
        if (context.Options.ConfigurationManager is not { } configuration)
        {
            return false;
        }
        try
        {
            await configuration.GetConfigurationAsync(context.HttpContext.RequestAborted);
            return false;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException)
        {
            return true;
        }
    }
}
