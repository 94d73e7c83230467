using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.IdentityModel.Tokens;
using Translations.Errors;
using Status = Google.Rpc.Status;
using Translations.V1;

namespace Translations.Access;

/// <summary>
/// Turns the authorization middleware's refusals into gRPC statuses, before the request is read:
/// no or a bad token is UNAUTHENTICATED saying what is wrong with it (never echoing it); a valid token
/// without the right is PERMISSION_DENIED naming the right. HTTP/JSON callers get them as JSON (<see cref="RefusalResponse"/>).
/// </summary>
internal sealed class AccessRefusals : IAuthorizationMiddlewareResultHandler
{
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await next(context);
            return;
        }
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true)
        {
            var right = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<RightRequirement>().FirstOrDefault()?.Right ?? Right.Operate;
            await RefusalResponse.WriteAsync(context, ErrorMappingInterceptor.ToStatus(context.User.ToCaller().MissingRight(right))!);
            return;
        }
        var authentication = await context.AuthenticateAsync();
        await RefusalResponse.WriteAsync(context, Unauthenticated(authentication.Failure, context.Request.Headers.Authorization));
    }

    private static Status Unauthenticated(Exception? failure, string? authorization)
    {
        if (failure is AuthorityUnavailableException)
        {
            return new Status { Code = (int)Code.Unavailable, Message = "The OpenID Connect authority's signing keys could not be fetched; retry later." };
        }
        var (reason, message) = failure switch
        {
            null when !string.IsNullOrWhiteSpace(authorization) && !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) =>
                (ErrorReasons.TokenMissing, "The authorization header has no Bearer scheme; send it as 'authorization: Bearer <token>'."),
            null => (ErrorReasons.TokenMissing, "This call needs a bearer token in the authorization header."),
            SecurityTokenExpiredException => (ErrorReasons.TokenExpired, "The bearer token has expired."),
            SecurityTokenNotYetValidException => (ErrorReasons.TokenInvalid, "The bearer token is not valid yet."),
            SecurityTokenInvalidAudienceException => (ErrorReasons.TokenInvalid, "The bearer token is for another audience."),
            SecurityTokenInvalidIssuerException => (ErrorReasons.TokenInvalid, "The bearer token is from an issuer this service does not trust."),
            SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => (ErrorReasons.TokenInvalid, "The bearer token's signature is not valid."),
            SecurityTokenInvalidAlgorithmException => (ErrorReasons.TokenInvalid, "The bearer token is signed with an algorithm this service does not accept."),
            InvalidSubjectException invalid => (ErrorReasons.TokenInvalid, $"The bearer token {invalid.Problem}."),
            _ => (ErrorReasons.TokenInvalid, "The bearer token is not valid."),
        };
        return new Status
        {
            Code = (int)Code.Unauthenticated,
            Message = message,
            Details = { Any.Pack(new ErrorInfo { Reason = reason, Domain = ErrorMappingInterceptor.ErrorDomain }) },
        };
    }
}

/// <summary>The token could not be checked at all: the OpenID Connect authority's keys are out of reach.</summary>
internal sealed class AuthorityUnavailableException(Exception inner) : Exception("The token issuer's signing keys could not be fetched.", inner);

/// <summary>A token that validated but whose <c>sub</c> cannot name an author (none, not a string, blank, too long, control characters).</summary>
internal sealed class InvalidSubjectException(string problem) : Exception($"The token {problem}.")
{
    public string Problem { get; } = problem;
}
