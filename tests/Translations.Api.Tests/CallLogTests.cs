using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests;

public sealed class CallLogTests
{
    [Fact]
    public async Task Every_call_is_logged_with_rpc_caller_status_and_duration_and_never_with_its_token_or_texts()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new TranslationsApp()
            .With("Logging:LogLevel:Default", "Trace")
            .With("Logging:LogLevel:Microsoft.AspNetCore", "Trace")
            .With("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Trace")
            .WithServices(services => services.AddLogging(logging => logging.AddFakeLogging()));
        await app.InitializeAsync();
        var token = TranslationsApp.Signing.Mint(new TokenClaims("olga", "editor"), TimeSpan.FromHours(1));
        var olga = app.WithToken(token);
        var secretTitle = $"Секретный заголовок {Guid.NewGuid():N}";
        var secretBody = $"Секретный текст {Guid.NewGuid():N}";

        var release = (await olga.Editorial.CreateReleaseAsync(Requests.NewRelease(title: secretTitle, body: secretBody), cancellationToken: ct)).Release;
        await olga.Translation.SubmitVariantAsync(Requests.Variant(release.Id, "en", title: secretTitle, body: secretBody), cancellationToken: ct);
        await olga.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = release.Id }, cancellationToken: ct);
        await Requests.FailsAsync(olga.Editorial.CreateReleaseAsync(Requests.NewRelease(title: secretTitle + "\u0007", body: secretBody), cancellationToken: ct));
        var badToken = token[..^4] + "AAAA";
        await Requests.FailsAsync(app.WithToken(badToken).Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = release.Id }, cancellationToken: ct));

        // A call is logged when the server has finished with it, which can be just after the client has its answer.
        var collector = app.Services.GetFakeLogCollector();
        for (var wait = 0; wait < 100 && collector.GetSnapshot().Count(r => r.Category == "Translations.Hosting.CallLogging") < 5; wait++)
        {
            await Task.Delay(50, ct);
        }
        var records = collector.GetSnapshot();
        var text = string.Join("\n", records.Select(r => $"{r.Category} {r.Message} {r.Exception} "
            + string.Join(" ", r.StructuredState?.Select(p => p.Value) ?? [])));
        Assert.DoesNotContain(token, text);
        Assert.DoesNotContain(token.Split('.')[2], text);
        Assert.DoesNotContain(badToken.Split('.')[2], text);
        Assert.DoesNotContain(secretTitle, text);
        Assert.DoesNotContain(secretBody, text);

        var calls = records.Where(r => r.Category == "Translations.Hosting.CallLogging").Select(r => r.Message).ToList();
        Assert.Contains(calls, m => m.StartsWith("/translations.v1.EditorialService/CreateRelease by olga: OK in ", StringComparison.Ordinal));
        Assert.Contains(calls, m => m.StartsWith("/translations.v1.TranslationService/SubmitVariant by olga: OK in ", StringComparison.Ordinal));
        Assert.Contains(calls, m => m.StartsWith("/translations.v1.ReleaseService/GetRelease by olga: OK in ", StringComparison.Ordinal));
        Assert.Contains(calls, m => m.StartsWith("/translations.v1.EditorialService/CreateRelease by olga: InvalidArgument in ", StringComparison.Ordinal));
        Assert.Contains(calls, m => m.StartsWith("/translations.v1.ReleaseService/GetRelease by -: Unauthenticated in ", StringComparison.Ordinal));
        Assert.All(calls, m => Assert.Matches(@" in \d+\.\d ms$", m));
    }

    private const string CallLog = "Translations.Hosting.CallLogging";

    /// <summary>The call-log records of <paramref name="rpc"/>, once at least <paramref name="count"/> have been written.</summary>
    private static async Task<IReadOnlyList<FakeLogRecord>> CallLogOfAsync(TranslationsApp app, string rpc, int count = 1)
    {
        var collector = app.Services.GetFakeLogCollector();
        List<FakeLogRecord> Records() => collector.GetSnapshot().Where(r => r.Category == CallLog && r.Message.Contains(rpc, StringComparison.Ordinal)).ToList();
        for (var wait = 0; wait < 200 && Records().Count < count; wait++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        return Records();
    }

    [Fact]
    public async Task A_cancelled_watch_and_a_cancelled_or_expired_query_are_each_logged_in_one_line_as_cancelled_without_an_exception()
    {
        var ct = TestContext.Current.CancellationToken;
        // The shipped log levels, under which the call log is the one line per call.
        await using var app = new TranslationsApp().WithObservedStore().WithServices(services => services.AddLogging(logging => logging.AddFakeLogging()));
        await app.InitializeAsync();
        for (var i = 0; i < 20; i++)   // 20 releases of 200 KB: far more than the HTTP/2 windows hold, so the server is mid-stream
        {
            await app.CreateAsync(Requests.NewRelease(body: new string('я', 100_000)));
        }
        var collector = app.Services.GetFakeLogCollector();
        collector.Clear();

        using (var cancellation = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            using var watch = app.Releases.Watch(cancellationToken: cancellation.Token);
            await watch.StartsAfterAsync();
            cancellation.Cancel();
        }
        using (var cancellation = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            using var query = app.Releases.QueryReleases(new QueryReleasesRequest { View = ReleaseView.Draft }, cancellationToken: cancellation.Token);
            Assert.True(await query.ResponseStream.MoveNext(ct));
            Assert.Equal(1, app.ObservedStore().OpenQueries);
            cancellation.Cancel();
        }
        var watchLog = await CallLogOfAsync(app, "/translations.v1.ReleaseService/WatchReleases");
        await CallLogOfAsync(app, "/translations.v1.ReleaseService/QueryReleases");
        using (var expiring = app.Releases.QueryReleases(new QueryReleasesRequest { View = ReleaseView.Draft }, deadline: DateTime.UtcNow.AddMilliseconds(500), cancellationToken: ct))
        {
            Assert.True(await expiring.ResponseStream.MoveNext(ct));
            await CallLogOfAsync(app, "/translations.v1.ReleaseService/QueryReleases", count: 2);   // the server ends the call at the deadline
            var error = await Assert.ThrowsAsync<RpcException>(async () => { while (await expiring.ResponseStream.MoveNext(ct)) { } });
            Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        }
        var queryLog = await CallLogOfAsync(app, "/translations.v1.ReleaseService/QueryReleases", count: 2);

        static object? StatusOf(FakeLogRecord record) => record.GetStructuredStateValue("Status");
        Assert.Equal("Cancelled", StatusOf(Assert.Single(watchLog)));
        Assert.Equal(["Cancelled", "DeadlineExceeded"], queryLog.Select(StatusOf));
        var records = collector.GetSnapshot();
        Assert.All(records, r => Assert.True(r.Exception is null, $"{r.Category} logged {r.Exception}"));
        Assert.All(records, r => Assert.True(r.Level < LogLevel.Warning, $"{r.Category} logged at {r.Level}: {r.Message}"));
        Assert.Equal(watchLog.Concat(queryLog).Select(r => r.Message).Order(), records.Where(r => r.Level >= LogLevel.Information).Select(r => r.Message).Order());
    }

    [Fact]
    public async Task A_path_with_an_encoded_line_break_cannot_forge_a_call_log_line()
    {
        var ct = TestContext.Current.CancellationToken;
        // The shipped log levels: ASP.NET Core's own request logs (Information), which write the path as
        // Kestrel decoded it, stay off under Microsoft.AspNetCore at Warning.
        await using var app = new TranslationsApp().WithServices(services => services.AddLogging(logging => logging.AddFakeLogging()));
        await app.InitializeAsync();
        using var http = new HttpClient(new SocketsHttpHandler());
        var forged = "/translations.v1.EditorialService/DeleteRelease by admin: OK in 1.0 ms";
        using var request = new HttpRequestMessage(HttpMethod.Post,
            new Uri(app.Address, "/translations.v1.ReleaseService/GetRelease%0A" + Uri.EscapeDataString(forged).Replace("%2F", "/", StringComparison.Ordinal) + "%0D%E2%80%A8%1B[2J"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        var collector = app.Services.GetFakeLogCollector();
        collector.Clear();

        using var response = await http.SendAsync(request, ct);
        var records = await CallLogOfAsync(app, "GetRelease");

        var record = Assert.Single(records);
        Assert.DoesNotContain(record.Message, c => c is '\n' or '\r' or '\u2028' or '\u2029' or '\u001b' or '\0');
        Assert.Contains("GetRelease\\n/translations.v1.EditorialService/DeleteRelease", record.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(collector.GetSnapshot(), r => r.Message.Split('\n').Any(line => line.StartsWith(forged, StringComparison.Ordinal)));
    }
}
