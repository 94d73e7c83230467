using Grpc.Core;
using Microsoft.AspNetCore.RateLimiting;
using Translations.Access;
using Translations.Hosting;
using Translations.Releases;
using Translations.Storage;
using Translations.V1;

namespace Translations.Editorial;

/// <summary>EditorialService: creating releases and changing their metadata.</summary>
[RequiresRight(Right.EditReleases)]
[EnableRateLimiting(WriteRateLimiting.Policy)]
public sealed class EditorialGrpcService(IReleaseStore store, EditorialRequests requests) : EditorialService.EditorialServiceBase
{
    public override async Task<CreateReleaseResponse> CreateRelease(CreateReleaseRequest request, ServerCallContext context)
    {
        var (release, requestId) = requests.ReadCreate(request);
        var write = context.WriteContext(nameof(CreateRelease), requestId, request, release);
        var created = await store.CreateReleaseAsync(release, write, context.CancellationToken);
        return new CreateReleaseResponse { Release = created.ToMessage() };
    }

    /// <summary>Each item goes through exactly what CreateRelease does (<see cref="BulkCalls"/>). The rate limit counts the call once.</summary>
    public override async Task<CreateReleasesResponse> CreateReleases(IAsyncStreamReader<CreateReleasesRequest> requestStream, ServerCallContext context) =>
        new()
        {
            Outcomes =
            {
                await BulkCalls.ApplyEachAsync(requestStream, "release", context,
                    async (item, index) => new CreateReleaseOutcome { Index = index, Release = (await CreateRelease(item.Release ?? new CreateReleaseRequest(), context)).Release },
                    (_, index, status) => new CreateReleaseOutcome { Index = index, Error = status }),
            },
        };

    public override async Task<UpdateReleaseResponse> UpdateRelease(UpdateReleaseRequest request, ServerCallContext context)
    {
        var change = requests.ReadUpdate(request);
        var updated = await store.UpdateReleaseAsync(change, context.WriteContext(), context.CancellationToken);
        return new UpdateReleaseResponse { Release = updated.ToMessage() };
    }

    public override async Task<DeleteReleaseResponse> DeleteRelease(DeleteReleaseRequest request, ServerCallContext context)
    {
        var (id, expectedRevision) = requests.ReadDelete(request);
        await store.DeleteReleaseAsync(id, expectedRevision, context.WriteContext(), context.CancellationToken);
        return new DeleteReleaseResponse();
    }

    /// <summary>A read: not counted against the write rate limit.</summary>
    [DisableRateLimiting]
    public override async Task ListReviewTasks(ListReviewTasksRequest request, IServerStreamWriter<ListReviewTasksResponse> responseStream, ServerCallContext context)
    {
        var language = requests.ReadListReviewTasks(request);
        await foreach (var task in store.ListReviewTasksAsync(language, context.CancellationToken))
        {
            await responseStream.WriteAsync(new ListReviewTasksResponse { Task = task.ToMessage() }, context.CancellationToken);
        }
    }

    public override async Task<ReviewVariantResponse> ReviewVariant(ReviewVariantRequest request, ServerCallContext context)
    {
        var reviewed = await store.ReviewVariantAsync(requests.ReadReview(request), context.WriteContext(), context.CancellationToken);
        return new ReviewVariantResponse { Variant = reviewed.Variant.ToMessage(), ReleaseRevision = reviewed.ReleaseRevision };
    }

    public override async Task<PublishReleaseResponse> PublishRelease(PublishReleaseRequest request, ServerCallContext context)
    {
        var result = await store.PublishAsync(requests.ReadPublish(request), context.WriteContext(), context.CancellationToken);
        return new PublishReleaseResponse { Release = result.Release.ToMessage(), Scheduled = result.Scheduled };
    }

    public override async Task<UnpublishReleaseResponse> UnpublishRelease(UnpublishReleaseRequest request, ServerCallContext context)
    {
        var (id, language) = requests.ReadUnpublish(request);
        var release = await store.UnpublishAsync(id, language, context.WriteContext(), context.CancellationToken);
        return new UnpublishReleaseResponse { Release = release.ToMessage() };
    }
}
