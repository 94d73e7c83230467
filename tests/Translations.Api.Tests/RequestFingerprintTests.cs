using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Translations.Editorial;
using Translations.Hosting;
using Translations.Tests.Infrastructure;
using Translations.V1;

namespace Translations.Tests;

/// <summary>
/// A request id's fingerprint is a stored format: a retry must be recognised by every later version of
/// the service, whatever fields the contract or the C# commands gain meanwhile.
/// </summary>
[Trait("Database", "Each")]
public sealed class RequestFingerprintTests(TranslationsApp app) : IClassFixture<TranslationsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A fixed request, and the fingerprint this form gives it: it must never change.</summary>
    private static SubmitVariantRequest Pinned(string requestId) => new()
    {
        ReleaseId = "0123456789abcdef0123456789abcdef", Language = "en", Title = "Summit opens", Body = "First.\n\nSecond.",
        ExpectedRevision = 0, SourceRevision = 1, RequestId = requestId,
    };

    private const string PinnedFingerprint = "v2:2c7ddd69e394307cab32c567fb522aaaffa9a50a4f7f0af52df53fa45d1c1426";

    [Fact]
    public void The_fingerprint_form_is_pinned_and_ignores_the_request_id_and_fields_left_at_their_default()
    {
        var withMinorUnset = Pinned("a");
        var withMinorFalse = Pinned("b");
        withMinorFalse.Minor = false;
        var minor = Pinned("a");
        minor.Minor = true;

        Assert.Equal(PinnedFingerprint, RequestFingerprint.Of("SubmitVariant", "anna", withMinorUnset));
        Assert.Equal(PinnedFingerprint, RequestFingerprint.Of("SubmitVariant", "anna", withMinorFalse));
        Assert.NotEqual(PinnedFingerprint, RequestFingerprint.Of("SubmitVariant", "anna", minor));
        Assert.NotEqual(PinnedFingerprint, RequestFingerprint.Of("SubmitVariant", "olga", withMinorUnset));
        Assert.NotEqual(PinnedFingerprint, RequestFingerprint.Of("CreateRelease", "anna", withMinorUnset));
    }

    [Fact]
    public async Task A_request_is_stored_with_the_pinned_form_of_its_fingerprint()
    {
        var requestId = Requests.Unique("pinned");
        var release = await app.CreateAsync(Requests.NewRelease(requestId: requestId));

        await using var db = await app.DatabaseAsync();
        var stored = await db.Requests.SingleAsync(r => r.RequestId == requestId, Ct);

        var request = Requests.NewRelease(requestId: requestId);
        Assert.Equal(RequestFingerprint.Of("CreateRelease", TranslationsApp.DefaultCaller.Subject, request), stored.Fingerprint);
        Assert.StartsWith(RequestFingerprint.Prefix, stored.Fingerprint);
        Assert.Equal(release.Id, (await app.CreateAsync(request)).Id);
    }

    [Fact]
    public async Task A_retry_of_a_request_an_earlier_version_stored_returns_its_first_outcome()
    {
        var requestId = Requests.Unique("earlier");
        var request = Requests.NewRelease(requestId: requestId);
        var first = await app.CreateAsync(request);
        // As the version before the pinned form stored it: a hash of the JSON of the caller and the domain command.
        await using (var db = await app.DatabaseAsync())
        {
            var stored = await db.Requests.SingleAsync(r => r.RequestId == requestId, Ct);
            var command = app.Services.GetRequiredService<EditorialRequests>().ReadCreate(request).Release;
            stored.Fingerprint = RequestFingerprint.Unversioned(TranslationsApp.DefaultCaller.Subject, command);
            await db.SaveChangesAsync(Ct);
        }

        var retried = await app.CreateAsync(request);
        var reused = await Assert.ThrowsAsync<RpcException>(() => app.CreateAsync(Requests.NewRelease(title: "Другое", requestId: requestId)));

        Assert.Equal((first.Id, first.Revision), (retried.Id, retried.Revision));
        Assert.Equal("REQUEST_ID_REUSED", reused.ErrorInfo().Reason);
    }
}
