using Grpc.Core;
using Translations.Releases;

namespace Translations.Hosting;

internal static class CallerContext
{
    /// <summary>The author recorded on every revision: the authenticated caller, or "anonymous" until access control exists.</summary>
    public static string Author(this ServerCallContext context) =>
        context.GetHttpContext().User.Identity?.Name is { Length: > 0 } name ? name : "anonymous";

    public static WriteContext WriteContext(this ServerCallContext context) => new(context.Author(), null);

    /// <summary>A write context that makes the write idempotent when the caller gave a request id.</summary>
    public static WriteContext WriteContext<TCommand>(this ServerCallContext context, string operation, string requestId, TCommand command) =>
        new(context.Author(), requestId.Length == 0 ? null : RequestKey.For(operation, requestId, command));
}
