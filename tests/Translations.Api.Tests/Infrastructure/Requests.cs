using Google.Rpc;
using Grpc.Core;
using Translations.V1;
using Date = Google.Type.Date;

namespace Translations.Tests.Infrastructure;

/// <summary>Small builders for the requests the tests send, and readers for the errors they get back.</summary>
public static class Requests
{
    private static int _counter;

    public static string Unique(string prefix) => $"{prefix}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..8]}";

    public static Date Date(int year, int month, int day) => new() { Year = year, Month = month, Day = day };

    public static CreateReleaseRequest NewRelease(
        string language = "ru", string title = "Заголовок", string body = "Первый абзац.\n\nВторой абзац.",
        string lead = "", string? slug = null, Date? date = null, string category = "news",
        IEnumerable<string>? tags = null, string requestId = "")
    {
        var release = new Release
        {
            Slug = slug ?? "",
            ReleaseDate = date ?? Date(2024, 4, 24),
            Category = category,
            SourceLanguage = language,
            Variants = { new Variant { Language = language, Title = title, Lead = lead, Body = body } },
        };
        release.Tags.AddRange(tags ?? []);
        return new CreateReleaseRequest { RequestId = requestId, Release = release };
    }

    public static SubmitVariantRequest Variant(string releaseId, string language, string title = "Title",
        string body = "First paragraph.\n\nSecond paragraph.", long expectedRevision = 0, long sourceRevision = 0, string requestId = "") => new()
    {
        ReleaseId = releaseId,
        Language = language,
        Title = title,
        Body = body,
        ExpectedRevision = expectedRevision,
        SourceRevision = sourceRevision,
        RequestId = requestId,
    };

    public static async Task<Release> CreateAsync(this TranslationsApp app, CreateReleaseRequest request) =>
        (await app.Editorial.CreateReleaseAsync(request)).Release;

    public static SubmitVariantRequest ForReview(this SubmitVariantRequest request)
    {
        request.SubmitForReview = true;
        return request;
    }

    public static SubmitVariantRequest AsMinor(this SubmitVariantRequest request)
    {
        request.Minor = true;
        return request;
    }

    public static CreateReleaseRequest ForReview(this CreateReleaseRequest request)
    {
        request.SubmitForReview = true;
        return request;
    }

    /// <summary>Takes each language's current revision through review (as an editor) and publishes them together.</summary>
    public static async Task<Release> PublishAsync(this TranslationsApp app, string releaseId, params string[] languages)
    {
        var draft = (await app.Releases.GetReleaseAsync(new GetReleaseRequest { Id = releaseId, View = ReleaseView.Draft })).Release;
        foreach (var language in languages)
        {
            var variant = draft.Variants.Single(v => v.Language == language);
            if (variant.State is VariantState.Draft or VariantState.Rejected)
            {
                variant = (await app.Translation.SubmitVariantAsync(new SubmitVariantRequest
                {
                    ReleaseId = releaseId, Language = language, Title = variant.Title, Lead = variant.Lead, Body = variant.Body,
                    SourceRevision = variant.SourceRevision, ExpectedRevision = variant.Revision, SubmitForReview = true,
                })).Variant;
            }
            if (variant.State == VariantState.InReview)
            {
                await app.Editorial.ReviewVariantAsync(new ReviewVariantRequest
                {
                    ReleaseId = releaseId, Language = language, ExpectedRevision = variant.Revision, Decision = ReviewDecision.Approve,
                });
            }
        }
        return (await app.Editorial.PublishReleaseAsync(new PublishReleaseRequest { Id = releaseId, Languages = { languages } })).Release;
    }

    /// <summary>A new release whose source variant is published.</summary>
    public static async Task<Release> CreatePublishedAsync(this TranslationsApp app, CreateReleaseRequest request)
    {
        var created = await app.CreateAsync(request);
        return await app.PublishAsync(created.Id, created.SourceLanguage);
    }

    /// <summary>The field paths of the google.rpc.BadRequest in an INVALID_ARGUMENT error.</summary>
    public static IReadOnlyList<string> ViolatedFields(this RpcException error)
    {
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var badRequest = error.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        return badRequest.FieldViolations.Select(v => v.Field).ToArray();
    }

    public static ErrorInfo ErrorInfo(this RpcException error)
    {
        var info = error.GetRpcStatus()?.GetDetail<ErrorInfo>();
        Assert.NotNull(info);
        return info;
    }

    public static async Task<RpcException> FailsAsync<T>(Func<Task<T>> call)
    {
        return await Assert.ThrowsAsync<RpcException>(async () => await call());
    }

    public static async Task<RpcException> FailsAsync<T>(AsyncUnaryCall<T> call) =>
        await Assert.ThrowsAsync<RpcException>(async () => await call);

    public static async Task<List<T>> ReadAllAsync<T>(this AsyncServerStreamingCall<T> call, CancellationToken cancellationToken = default)
    {
        var items = new List<T>();
        await foreach (var item in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            items.Add(item);
        }
        return items;
    }
}
