using Microsoft.AspNetCore.Authorization;

namespace Translations.Access;

/// <summary>
/// The right a gRPC service or method needs; checked by the authorization middleware before the
/// request is read. An endpoint without one needs <see cref="Right.Operate"/> (admin): fail closed.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class RequiresRightAttribute(Right right) : AuthorizeAttribute(PolicyFor(right))
{
    public static string PolicyFor(Right right) => $"right:{Access.Roles.NameOf(right)}";
}

/// <summary>Met when the authenticated caller's roles grant the right.</summary>
internal sealed class RightRequirement(Right right) : AuthorizationHandler<RightRequirement>, IAuthorizationRequirement
{
    public Right Right { get; } = right;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RightRequirement requirement)
    {
        // Every call passes here: look the roles up in the claims rather than building a Caller.
        if (context.User.Identity?.IsAuthenticated == true
            && Roles.Granting(requirement.Right).Any(role => context.User.HasClaim(CallerClaims.Role, role)))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
