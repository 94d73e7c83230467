using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Translations.Tests.Infrastructure;
using Translations.V1;

namespace Translations.Tests;

/// <summary>
/// Tokens with many groups are large; one caller's oversized headers must never end other callers'
/// calls on the same HTTP/2 connection (as behind a proxy that multiplexes callers).
/// </summary>
public sealed class LargeHeaderTests(TranslationsApp app) : IClassFixture<TranslationsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A valid editor's token of about <paramref name="size"/> characters, grown by a claim listing many groups.</summary>
    private static string TokenOfSize(int size)
    {
        var groups = Enumerable.Range(0, (size - 500) * 3 / 4 / 34).Select(i => $"cn=press-office-{i:D5},ou=groups").ToArray();   // 31 characters, 34 in JSON
        var signing = TranslationsApp.Signing;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = signing.Issuer,
            Audience = signing.Audience,
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = "big-token-editor", ["role"] = new[] { "editor" }, ["groups"] = groups },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signing.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
        Assert.InRange(token.Length, size - 2_000, size + 2_000);
        return token;
    }

    private static Metadata Bearer(string token) => new() { { "authorization", $"Bearer {token}" } };

    [Fact]
    public async Task A_40_KB_token_is_served_and_an_oversized_one_fails_only_its_own_call_while_a_watch_on_the_same_connection_goes_on()
    {
        // One channel, one HTTP/2 connection, the token per call: as a proxy multiplexing its callers would send them.
        using var connection = GrpcChannel.ForAddress(app.Address, new GrpcChannelOptions { MaxReceiveMessageSize = null });
        var releases = new ReleaseService.ReleaseServiceClient(connection);
        var editorial = new EditorialService.EditorialServiceClient(connection);
        var usual = Bearer(TranslationsApp.Signing.Mint(TranslationsApp.DefaultCaller, TimeSpan.FromHours(1)));
        // The draft view: every change, unpublished releases' included.
        using var watch = releases.WatchReleases(new WatchReleasesRequest { View = ReleaseView.Draft }, usual, cancellationToken: Ct);
        await watch.StartsAfterAsync();

        var large = TokenOfSize(40_000);
        var created = (await editorial.CreateReleaseAsync(Requests.NewRelease(title: "С большим токеном"), Bearer(large), cancellationToken: Ct)).Release;
        var read = await releases.GetReleaseAsync(new GetReleaseRequest { Id = created.Id, View = ReleaseView.Draft }, Bearer(large), cancellationToken: Ct);
        var oversized = TokenOfSize(100_000);
        var refused = await Requests.FailsAsync(releases.GetReleaseAsync(new GetReleaseRequest { Id = created.Id, View = ReleaseView.Draft }, Bearer(oversized), cancellationToken: Ct));
        var after = (await editorial.CreateReleaseAsync(Requests.NewRelease(title: "После отказа"), usual, cancellationToken: Ct)).Release;

        Assert.Equal("big-token-editor", read.Release.Variants[0].Author);
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        var info = refused.ErrorInfo();
        Assert.Equal(("HEADERS_TOO_LARGE", "65536"), (info.Reason, info.Metadata["limit_bytes"]));
        var events = await watch.ReadEventsAsync(2);
        Assert.Equal([created.Id, after.Id], events.Select(e => e.ReleaseId));
    }

    [Fact]
    public async Task Many_large_metadata_entries_together_over_the_limit_fail_only_their_own_call()
    {
        using var connection = GrpcChannel.ForAddress(app.Address, new GrpcChannelOptions { MaxReceiveMessageSize = null });
        var releases = new ReleaseService.ReleaseServiceClient(connection);
        var usual = Bearer(TranslationsApp.Signing.Mint(TranslationsApp.DefaultCaller, TimeSpan.FromHours(1)));
        using var watch = releases.WatchReleases(new WatchReleasesRequest { View = ReleaseView.Draft }, usual, cancellationToken: Ct);
        await watch.StartsAfterAsync();
        var crowded = Bearer(TranslationsApp.Signing.Mint(TranslationsApp.DefaultCaller, TimeSpan.FromHours(1)));
        for (var i = 0; i < 5; i++)
        {
            crowded.Add($"x-trace-{i}", new string('t', 20_000));
        }

        var refused = await Requests.FailsAsync(releases.GetReleaseAsync(new GetReleaseRequest { Id = new string('0', 32) }, crowded, cancellationToken: Ct));
        var created = await app.CreateAsync(Requests.NewRelease());

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Equal("HEADERS_TOO_LARGE", refused.ErrorInfo().Reason);
        Assert.Equal(created.Id, (await watch.ReadEventsAsync(1))[0].ReleaseId);
    }

    [Fact]
    public async Task A_call_with_150_metadata_entries_within_the_size_limit_is_served()
    {
        var metadata = new Metadata();
        for (var i = 0; i < 150; i++)
        {
            metadata.Add($"x-trace-{i}", "1");
        }

        var created = await app.Editorial.CreateReleaseAsync(Requests.NewRelease(), metadata, cancellationToken: Ct);

        Assert.NotEmpty(created.Release.Id);
    }

    [Fact]
    public async Task Headers_from_a_client_that_ignores_the_advertised_limit_end_only_their_own_call_never_the_connection()
    {
        // A proxy forwards what its callers send, whatever SETTINGS_MAX_HEADER_LIST_SIZE says.
        await using var connection = await RawHttp2Connection.OpenAsync(app.Address);
        var usual = ("authorization", $"Bearer {TranslationsApp.Signing.Mint(TranslationsApp.DefaultCaller, TimeSpan.FromHours(1))}");
        var watch = await connection.SendGrpcAsync(app.Address, "/translations.v1.ReleaseService/WatchReleases", [usual], new WatchReleasesRequest { View = ReleaseView.Draft });
        await connection.NextAsync(watch, RawHttp2Connection.Headers);
        var get = new GetReleaseRequest { Id = new string('0', 32), View = ReleaseView.Draft };
        const string path = "/translations.v1.ReleaseService/GetRelease";

        var large = await connection.UntilEndAsync(await connection.SendGrpcAsync(app.Address, path, [("authorization", $"Bearer {TokenOfSize(40_000)}")], get));
        var oversized = await connection.UntilEndAsync(await connection.SendGrpcAsync(app.Address, path, [("authorization", $"Bearer {TokenOfSize(100_000)}")], get));
        var manyFields = await connection.UntilEndAsync(await connection.SendGrpcAsync(app.Address, path,
            [usual, .. Enumerable.Range(0, 150).Select(i => ($"x-trace-{i}", "1"))], get));
        var created = await app.CreateAsync(Requests.NewRelease());
        var watched = await connection.NextAsync(watch, RawHttp2Connection.Data);

        Assert.DoesNotContain(connection.Received, f => f.Type == RawHttp2Connection.GoAway);
        Assert.All([large, oversized, manyFields], frames => Assert.True(frames[^1].EndsStream, $"Stream ended by frame type {frames[^1].Type}."));
        Assert.Equal(RawHttp2Connection.Data, watched.Type);
        Assert.Contains(created.Id, Encoding.ASCII.GetString(watched.Payload), StringComparison.Ordinal);
    }
}
