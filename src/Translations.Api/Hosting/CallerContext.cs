using Grpc.Core;
using Translations.Access;
using Translations.Releases;
using IMessage = Google.Protobuf.IMessage;

namespace Translations.Hosting;

internal static class CallerContext
{
    /// <summary>The authenticated caller; the authorization middleware lets no other call reach a service.</summary>
    public static Caller Caller(this ServerCallContext context) => context.GetHttpContext().User.ToCaller();

    public static WriteContext WriteContext(this ServerCallContext context) => new(context.Caller(), null);

    /// <summary>Drafts are for those who work on them: translators, editors and admins.</summary>
    public static void EnsureMayRead(this ServerCallContext context, ReleaseView view)
    {
        if (view == ReleaseView.Draft)
        {
            context.Caller().EnsureMayReadDrafts();
        }
    }

    /// <summary>
    /// A write context that makes the write idempotent when the caller gave a request id, fingerprinted by
    /// <paramref name="request"/> (<see cref="RequestFingerprint"/>); <paramref name="command"/> gives the
    /// fingerprint of the earlier, unversioned form.
    /// </summary>
    public static WriteContext WriteContext<TCommand>(this ServerCallContext context, string operation, string requestId, IMessage request, TCommand command)
    {
        var caller = context.Caller();
        return new(caller, requestId.Length == 0
            ? null
            : new RequestKey(operation, requestId, RequestFingerprint.Of(operation, caller.Id, request), RequestFingerprint.Unversioned(caller.Id, command)));
    }
}
