using Google.Rpc;
using Grpc.Core;
using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Writes_beyond_a_callers_burst_are_resource_exhausted_without_slowing_other_callers_or_reads()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new TranslationsApp().With("RateLimits:WritesPerPeriod", "1").With("RateLimits:Period", "00:01:00").With("RateLimits:WriteBurst", "3");
        await app.InitializeAsync();
        var olga = app.As(new TokenClaims("olga", "editor"));
        var pavel = app.As(new TokenClaims("pavel", "editor"));

        var first = (await olga.Editorial.CreateReleaseAsync(Requests.NewRelease(), cancellationToken: ct)).Release;
        await olga.Editorial.CreateReleaseAsync(Requests.NewRelease(), cancellationToken: ct);
        await olga.Translation.SubmitVariantAsync(Requests.Variant(first.Id, "en"), cancellationToken: ct);
        var create = await Requests.FailsAsync(olga.Editorial.CreateReleaseAsync(Requests.NewRelease(), cancellationToken: ct));
        var submit = await Requests.FailsAsync(olga.Translation.SubmitVariantAsync(Requests.Variant(first.Id, "en", expectedRevision: 1), cancellationToken: ct));
        await pavel.Editorial.CreateReleaseAsync(Requests.NewRelease(), cancellationToken: ct);
        var read = await olga.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = first.Id }, cancellationToken: ct);

        Assert.All([create, submit], error =>
        {
            Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
            Assert.Contains("Too many writes by olga", error.Status.Detail);
            Assert.Equal("sub:olga", Assert.Single(error.GetRpcStatus()!.GetDetail<QuotaFailure>()!.Violations).Subject);
        });
        Assert.Equal(2, read.Release.Revision);
        var stored = await app.Releases.QueryReleases(new QueryReleasesRequest { View = ReleaseView.Draft }, cancellationToken: ct).ReadAllAsync(ct);
        Assert.Equal(3, stored.Count);

        // The refusal says when to retry: when the next write is refilled, within the period.
        var retryDelay = create.GetRpcStatus()!.GetDetail<RetryInfo>()!.RetryDelay.ToTimeSpan();
        Assert.InRange(retryDelay, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }
}
