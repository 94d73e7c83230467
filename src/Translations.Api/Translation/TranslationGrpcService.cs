using Grpc.Core;
using Microsoft.AspNetCore.RateLimiting;
using Translations.Access;
using Translations.Errors;
using Translations.Validation;
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
        var submitted = await SubmitAsync(request, context);
        return new SubmitVariantResponse { Variant = submitted.Variant.ToMessage(), ReleaseRevision = submitted.ReleaseRevision };
    }

    /// <summary>
    /// Each item goes through exactly what SubmitVariant does (<see cref="BulkCalls"/>). The rate limit counts the call once.
    /// </summary>
    [RequiresRight(Right.WriteVariants)]
    [EnableRateLimiting(WriteRateLimiting.Policy)]
    public override async Task<SubmitVariantsResponse> SubmitVariants(IAsyncStreamReader<SubmitVariantsRequest> requestStream, ServerCallContext context) =>
        new()
        {
            Outcomes =
            {
                await BulkCalls.ApplyEachAsync(requestStream, "variant", context,
                    async (item, index) =>
                    {
                        var request = item.Variant ?? new SubmitVariantRequest();
                        var submitted = await SubmitAsync(request, context);
                        return new SubmitVariantOutcome
                        {
                            Index = index, ReleaseId = request.ReleaseId, Language = request.Language,
                            Variant = submitted.Variant.ToMessage(), ReleaseRevision = submitted.ReleaseRevision,
                        };
                    },
                    (item, index, status) => new SubmitVariantOutcome
                    {
                        Index = index, ReleaseId = item.Variant?.ReleaseId ?? "", Language = item.Variant?.Language ?? "", Error = status,
                    }),
            },
        };

    /// <summary>As SubmitVariant: any translator may call it, for the variants it may write.</summary>
    [RequiresRight(Right.WriteVariants)]
    [EnableRateLimiting(WriteRateLimiting.Policy)]
    public override async Task<SendVariantToReviewResponse> SendVariantToReview(SendVariantToReviewRequest request, ServerCallContext context)
    {
        var sent = await store.SendToReviewAsync(requests.ReadSendToReview(request), context.WriteContext(), context.CancellationToken);
        return new SendVariantToReviewResponse { Variant = sent.Variant.ToMessage(), ReleaseRevision = sent.ReleaseRevision };
    }

    [RequiresRight(Right.WriteVariants)]
    public override async Task ListTranslationTasks(ListTranslationTasksRequest request, IServerStreamWriter<ListTranslationTasksResponse> responseStream, ServerCallContext context)
    {
        var language = requests.ReadListTasks(request);
        context.Caller().EnsureMayTranslateInto(language);
        await foreach (var task in store.ListTranslationTasksAsync(language, context.CancellationToken))
        {
            await responseStream.WriteAsync(new ListTranslationTasksResponse { Task = task.ToMessage() }, context.CancellationToken);
        }
    }

    private async Task<SubmittedVariant> SubmitAsync(SubmitVariantRequest request, ServerCallContext context)
    {
        var (submission, requestId) = requests.ReadSubmit(request);
        var write = context.WriteContext(nameof(SubmitVariant), requestId, request, submission);
        return await store.SubmitVariantAsync(submission, write, context.CancellationToken);
    }

    /// <summary>The history holds unpublished texts, so it is for those who work on them.</summary>
    [RequiresRight(Right.ReadDrafts)]
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
