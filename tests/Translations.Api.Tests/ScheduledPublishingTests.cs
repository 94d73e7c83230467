using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests;

[Trait("Database", "Each")]
public sealed class ScheduledPublishingTests
{
    private static readonly TokenClaims Reader = new("site", "reader");

    [Fact]
    public async Task Scheduled_publication_is_carried_out_at_its_time_and_not_before()
    {
        await using var app = Fast(new TranslationsApp());
        await app.InitializeAsync();
        var release = await ApprovedAsync(app);
        var at = DateTimeOffset.UtcNow.AddSeconds(2);

        var response = await app.Editorial.PublishReleaseAsync(new PublishReleaseRequest
        {
            Id = release.Id, Languages = { "ru" }, PublishTime = Timestamp.FromDateTimeOffset(at),
        });
        var before = await Requests.FailsAsync(app.As(Reader).Releases.GetReleaseAsync(new GetReleaseRequest { Id = release.Id }));
        var published = await PublishedAsync(app, release.Id);

        Assert.True(response.Scheduled);
        Assert.Equal(VariantState.Approved, response.Release.Variants[0].State);
        Assert.Equal(StatusCode.NotFound, before.StatusCode);
        Assert.True(published.UpdateTime.ToDateTimeOffset() >= at, $"published at {published.UpdateTime} before {at:O}");
        Assert.Equal("editor-1", published.Author);
    }

    [Fact]
    public async Task Scheduled_publication_survives_a_restart()
    {
        var folder = Directory.CreateTempSubdirectory("translations-schedule-").FullName;
        string id;
        await using (var first = Fast(TranslationsApp.ReplicaOn(folder)))
        {
            await first.InitializeAsync();
            id = (await ApprovedAsync(first)).Id;
            await first.Editorial.PublishReleaseAsync(new PublishReleaseRequest
            {
                Id = id, Languages = { "ru" }, PublishTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(2)),
            });
        }
        await Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken); // due while no server runs

        await using var second = Fast(TranslationsApp.ReplicaOn(folder));
        await second.InitializeAsync();

        Assert.Equal(VariantState.Published, (await PublishedAsync(second, id)).State);
    }

    [Fact]
    public async Task Scheduled_publication_of_a_language_no_longer_approved_publishes_nothing()
    {
        await using var app = Fast(new TranslationsApp());
        await app.InitializeAsync();
        var release = await ApprovedAsync(app);
        await app.Editorial.PublishReleaseAsync(new PublishReleaseRequest
        {
            Id = release.Id, Languages = { "ru" }, PublishTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(1)),
        });
        await app.Translation.SubmitVariantAsync(Requests.Variant(release.Id, "ru", title: "Новая правка", expectedRevision: 2));

        for (var wait = 0; wait < 200 && await PendingAsync(app) > 0; wait++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, await PendingAsync(app));
        var reader = await Requests.FailsAsync(app.As(Reader).Releases.GetReleaseAsync(new GetReleaseRequest { Id = release.Id }));
        Assert.Equal(StatusCode.NotFound, reader.StatusCode);
    }

    [Fact]
    public async Task Scheduling_needs_the_languages_approved_already()
    {
        await using var app = Fast(new TranslationsApp());
        await app.InitializeAsync();
        var draft = await app.CreateAsync(Requests.NewRelease());

        var error = await Requests.FailsAsync(app.Editorial.PublishReleaseAsync(new PublishReleaseRequest
        {
            Id = draft.Id, Languages = { "ru" }, PublishTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1)),
        }));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal(0, await PendingAsync(app));
    }

    private static TranslationsApp Fast(TranslationsApp app) => app.With("Publishing:PollInterval", "00:00:00.100");

    private static async Task<Release> ApprovedAsync(TranslationsApp app)
    {
        var release = await app.CreateAsync(Requests.NewRelease().ForReview());
        await app.Editorial.ReviewVariantAsync(new ReviewVariantRequest { ReleaseId = release.Id, Language = "ru", ExpectedRevision = 1, Decision = ReviewDecision.Approve });
        return release;
    }

    /// <summary>The published variant as a reader sees it, once the scheduler has published it (within 15 s).</summary>
    private static async Task<Variant> PublishedAsync(TranslationsApp app, string id)
    {
        var reader = app.As(Reader);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return (await reader.Releases.GetReleaseAsync(new GetReleaseRequest { Id = id })).Release.Variants[0];
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound && attempt < 150)
            {
                await Task.Delay(100);
            }
        }
    }

    private static async Task<long> PendingAsync(TranslationsApp app)
    {
        await using var db = await app.DatabaseAsync();
        return await db.ScheduledPublications.LongCountAsync(TestContext.Current.CancellationToken);
    }
}
