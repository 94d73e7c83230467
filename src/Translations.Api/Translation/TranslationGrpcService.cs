using Grpc.Core;
using Microsoft.AspNetCore.RateLimiting;
using Translations.Access;
using Translations.Hosting;
using Translations.Releases;
using Translations.Storage;
using Translations.V1;

namespace Translations.Translation;

/// <summary>TranslationService: submitting language variants and reading their history.</summary>
[RequiresRight(Right.ReadReleases)]
public sealed class TranslationGrpcService(IReleaseStore store, TranslationRequests requests) : TranslationService.TranslationServiceBase
{
    /// <summary>Any translator may call it; which languages it may write is checked against the release (<see cref="Caller.EnsureMayWriteVariant"/>).</summary>
    [RequiresRight(Right.WriteVariants)]
    [EnableRateLimiting(WriteRateLimiting.Policy)]
    public override async Task<SubmitVariantResponse> SubmitVariant(SubmitVariantRequest request, ServerCallContext context)
    {
        var (submission, requestId) = requests.ReadSubmit(request);
        var write = context.WriteContext(nameof(SubmitVariant), requestId, submission);
        var submitted = await store.SubmitVariantAsync(submission, write, context.CancellationToken);
        return new SubmitVariantResponse { Variant = submitted.Variant.ToMessage(), ReleaseRevision = submitted.ReleaseRevision };
    }

    /// <summary>The history holds unpublished texts, so it is for those who work on them.</summary>
    [RequiresRight(Right.WriteVariants)]
    public override async Task ListVariantRevisions(ListVariantRevisionsRequest request, IServerStreamWriter<ListVariantRevisionsResponse> responseStream, ServerCallContext context)
    {
        var (releaseId, language) = requests.ReadListRevisions(request);
        var any = false;
        await foreach (var revision in store.ListVariantRevisionsAsync(releaseId, language, context.CancellationToken))
        {
            any = true;
            await responseStream.WriteAsync(new ListVariantRevisionsResponse { Variant = revision.ToMessage() }, context.CancellationToken);
        }
        if (!any)
        {
            throw new ReleaseNotFoundException($"The {language} variant of release {releaseId}");
        }
    }
}
