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

    /// <summary>At most this many items per SubmitVariants call; later items are rejected one by one.</summary>
    public const int MaxItemsPerCall = 1_000;

    /// <summary>
    /// Each item goes through exactly what SubmitVariant does, in its own transaction; a rejected item
    /// becomes its outcome's status and the next item goes on. The rate limit counts the call once.
    /// </summary>
    [RequiresRight(Right.WriteVariants)]
    [EnableRateLimiting(WriteRateLimiting.Policy)]
    public override async Task<SubmitVariantsResponse> SubmitVariants(IAsyncStreamReader<SubmitVariantsRequest> requestStream, ServerCallContext context)
    {
        var response = new SubmitVariantsResponse();
        await foreach (var item in requestStream.ReadAllAsync(context.CancellationToken))
        {
            var request = item.Variant ?? new SubmitVariantRequest();
            var outcome = new SubmitVariantOutcome { Index = response.Outcomes.Count, ReleaseId = request.ReleaseId, Language = request.Language };
            try
            {
                if (outcome.Index >= MaxItemsPerCall)
                {
                    throw new InvalidInputException(new FieldViolation("variant", $"at most {MaxItemsPerCall} items per call; send the rest in another call"));
                }
                var submitted = await SubmitAsync(request, context);
                outcome.Variant = submitted.Variant.ToMessage();
                outcome.ReleaseRevision = submitted.ReleaseRevision;
            }
            catch (Exception e) when (ErrorMappingInterceptor.ToStatus(e) is { } status)
            {
                outcome.Error = status;
            }
            response.Outcomes.Add(outcome);
        }
        return response;
    }

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
