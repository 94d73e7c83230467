using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Translations.Client;
using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests;

/// <summary>
/// The client library as a service registers and uses it (<c>AddTranslationsClient</c> through
/// Grpc.Net.ClientFactory), against the real service over its socket: reads, writes with request ids
/// filled in and retried, and every failure as the typed exception that names it.
/// </summary>
public sealed class ClientTests : IAsyncLifetime
{
    private static readonly TokenClaims Editor = new("client-editor", "editor");
    private readonly TranslationsApp _app = new TranslationsApp().With("RateLimits:WriteBurst", "20").With("RateLimits:WritesPerPeriod", "1").With("RateLimits:Period", "01:00:00");
    private readonly RegisteredClients _clients = new();

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        await _clients.DisposeAsync();
        await _app.DisposeAsync();
    }

    private TranslationsClient Client(TokenClaims? caller = null, Action<TranslationsClientOptions>? configure = null, Action<IServiceCollection>? services = null) =>
        _clients.For(_app.Address, caller, configure, services);

    [Fact]
    public async Task A_service_registers_the_client_in_one_call_and_reads_what_an_editor_wrote()
    {
        var editor = Client(Editor);
        var created = await editor.CreateReleaseAsync(Requests.NewRelease(title: "Пресс-релиз", slug: Requests.Unique("client")));

        var reader = Client(new TokenClaims("site", "reader"));
        Assert.Null(await reader.GetReleaseAsync(created.Id));                      // nothing published yet
        var draft = await editor.GetReleaseAsync(created.Id, view: ReleaseView.Draft);
        Assert.Equal("Пресс-релиз", Assert.Single(draft!.Variants).Title);
        Assert.Equal(created.Id, (await editor.GetReleaseBySlugAsync(created.Slug, "ru", ReleaseView.Draft))!.Id);
        var both = await editor.GetReleasesAsync([created.Id, "0123456789abcdef0123456789abcdef", created.Id], view: ReleaseView.Draft);
        Assert.Equal([created.Id], both.Select(r => r.Id));
    }

    [Fact]
    public async Task Pages_read_after_the_cursor_of_each_page_s_last_release_give_every_release_once_in_order()
    {
        var editor = Client(Editor);
        var category = Requests.Unique("paged");
        for (var day = 1; day <= 5; day++)
        {
            await editor.CreateReleaseAsync(Requests.NewRelease(category: category, date: Requests.Date(2024, 5, day % 3 + 1)));
        }
        var filter = new ReleaseFilter { Categories = { category } };
        var whole = await editor.QueryReleasesAsync(new QueryReleasesRequest { Filter = filter, View = ReleaseView.Draft }).Select(r => r.Id).ToListAsync();

        var paged = new List<string>();
        for (var after = ""; after is not null;)
        {
            var page = await editor.QueryReleaseResponsesAsync(new QueryReleasesRequest { Filter = filter, View = ReleaseView.Draft, Limit = 2, After = after }).ToListAsync();
            paged.AddRange(page.Select(response => response.Release.Id));
            after = page.Count == 2 ? page[^1].Cursor : null;
        }

        Assert.Equal(5, whole.Count);
        Assert.Equal(whole, paged);
    }

    [Fact]
    public async Task A_dns_address_is_resolved_by_the_client_and_called_over_h2c()
    {
        var client = Client(Editor, options => options.Address = new Uri($"dns:///localhost:{_app.Address.Port}"));

        var created = await client.CreateReleaseAsync(Requests.NewRelease());

        Assert.Equal(created.Id, (await client.GetReleaseAsync(created.Id, view: ReleaseView.Draft))!.Id);
    }

    [Fact]
    public async Task Writes_without_a_request_id_get_one_so_a_retry_after_a_lost_reply_is_applied_once()
    {
        var lostReplies = new LoseReplies("/translations.v1.EditorialService/CreateRelease", "/translations.v1.TranslationService/SubmitVariant");
        var editor = Client(Editor, services: services => services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => lostReplies.Handler())));
        var slug = Requests.Unique("lost-reply");

        var created = await editor.CreateReleaseAsync(Requests.NewRelease(slug: slug));
        var submitted = await editor.SubmitVariantAsync(Requests.Variant(created.Id, "en"));

        Assert.Equal(2, lostReplies.Lost);   // each write's first reply never reached the client
        var stored = (await _app.Releases.GetReleaseAsync(new GetReleaseRequest { Slug = slug, View = ReleaseView.Draft })).Release;
        Assert.Equal(created.Id, stored.Id);
        Assert.Equal(1, submitted.Variant.Revision);
        Assert.Equal(2, stored.Revision);    // one create and one submission, not two of either
        Assert.Equal(["en", "ru"], stored.Variants.Select(v => v.Language).Order());
    }

    [Fact]
    public async Task A_write_sent_again_with_its_request_id_is_not_applied_twice_and_another_payload_is_refused()
    {
        var editor = Client(Editor);
        var request = Requests.NewRelease(requestId: Requests.Unique("request"));
        var first = await editor.CreateReleaseAsync(request);
        var again = await editor.CreateReleaseAsync(request);
        Assert.Equal(first.Id, again.Id);

        request.Release.Variants[0].Title = "Другой";
        var reused = await Assert.ThrowsAsync<AlreadyExistsException>(() => editor.CreateReleaseAsync(request));
        Assert.Equal(ErrorReasons.RequestIdReused, reused.Reason);
    }

    [Fact]
    public async Task Refusals_are_typed_exceptions_carrying_the_google_rpc_details()
    {
        var editor = Client(Editor);
        var created = await editor.CreateReleaseAsync(Requests.NewRelease());

        var invalid = await Assert.ThrowsAsync<InvalidRequestException>(() => editor.CreateReleaseAsync(Requests.NewRelease(title: "")));
        Assert.Contains(invalid.FieldViolations, v => v.Field == "release.variants[0].title");

        var conflict = await Assert.ThrowsAsync<RevisionConflictException>(() => editor.SubmitVariantAsync(Requests.Variant(created.Id, "ru", expectedRevision: 7)));
        Assert.Equal(7, conflict.ExpectedRevision);
        Assert.Equal(1, conflict.CurrentRevision);

        var workflow = await Assert.ThrowsAsync<WorkflowConflictException>(() => editor.PublishReleaseAsync(new PublishReleaseRequest { Id = created.Id, Languages = { "ru" } }));
        Assert.Equal("variants/ru", Assert.Single(workflow.PreconditionViolations).Subject);

        var translator = Client(new TokenClaims("anna", ["translator"], ["en"]));
        var denied = await Assert.ThrowsAsync<PermissionDeniedException>(() => translator.SubmitVariantAsync(Requests.Variant(created.Id, "ru", expectedRevision: 1)));
        Assert.Equal("variants.write_source", denied.Right);

        var anonymous = Client();
        var unauthenticated = await Assert.ThrowsAsync<AuthenticationException>(() => anonymous.GetReleaseAsync(created.Id));
        Assert.Equal(ErrorReasons.TokenMissing, unauthenticated.Reason);

        await Assert.ThrowsAsync<ReleaseNotFoundException>(() => editor.UnpublishReleaseAsync("0123456789abcdef0123456789abcdef", "ru"));
    }

    [Fact]
    public async Task A_call_refused_for_an_expired_token_is_sent_once_more_with_a_new_one()
    {
        var tokens = new Queue<string>([
            TranslationsApp.Signing.Mint(Editor, DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow.AddHours(-1)),
            TranslationsApp.Signing.Mint(Editor, TimeSpan.FromHours(1)),
        ]);
        var asked = 0;
        var client = Client(configure: options => options.TokenProvider = _ =>
        {
            asked++;
            return ValueTask.FromResult<string?>(tokens.Count > 1 ? tokens.Dequeue() : tokens.Peek());
        });

        var created = await client.CreateReleaseAsync(Requests.NewRelease());

        Assert.NotEmpty(created.Id);
        Assert.Equal(2, asked);
    }

    [Fact]
    public async Task A_rate_limited_write_says_how_long_to_wait()
    {
        var editor = Client(new TokenClaims("busy-editor", "editor"));
        RateLimitedException? limited = null;
        for (var i = 0; i < 25 && limited is null; i++)
        {
            try
            {
                await editor.CreateReleaseAsync(Requests.NewRelease());
            }
            catch (RateLimitedException e)
            {
                limited = e;
            }
        }
        Assert.NotNull(limited);
        Assert.True(limited.RetryDelay > TimeSpan.Zero, "RetryInfo is missing.");
        Assert.Equal(StatusCode.ResourceExhausted, limited.StatusCode);
    }

    [Fact]
    public async Task Unary_calls_get_the_default_deadline_when_they_set_none()
    {
        var hurried = Client(Editor, options => options.DefaultDeadline = TimeSpan.FromTicks(1));

        var late = await Assert.ThrowsAsync<ServiceUnavailableException>(() => hurried.GetReleaseAsync("0123456789abcdef0123456789abcdef", view: ReleaseView.Draft));

        Assert.Equal(StatusCode.DeadlineExceeded, late.StatusCode);
    }

    [Fact]
    public async Task Translation_and_review_tasks_stream_as_async_sequences()
    {
        var editor = Client(Editor);
        var created = await editor.CreateReleaseAsync(Requests.NewRelease(date: Requests.Date(1999, 1, 1)));
        var translator = Client(new TokenClaims("anna", ["translator"], ["en"]));

        var task = await translator.ListTranslationTasksAsync("en").FirstAsync(t => t.ReleaseId == created.Id);
        Assert.Equal(TranslationTaskReason.Missing, task.Reason);
        await translator.SubmitVariantAsync(Requests.Variant(created.Id, "en", sourceRevision: task.Source.Revision).ForReview());

        var review = await editor.ListReviewTasksAsync("en").FirstAsync(t => t.ReleaseId == created.Id);
        Assert.Equal(VariantState.InReview, review.Variant.State);
        Assert.Equal(2, await editor.ListVariantRevisionsAsync(created.Id, "ru").CountAsync() + await editor.ListVariantRevisionsAsync(created.Id, "en").CountAsync());
    }

    [Fact]
    public async Task A_watch_from_before_the_kept_events_or_from_a_foreign_sequence_ends_with_EventsExpiredException()
    {
        await using var app = new TranslationsApp().With("Changes:Retention", "00:00:02").With("Cache:Expiration", "00:00:01").With("Cache:LocalExpiration", "00:00:01");
        await app.InitializeAsync();
        using var client = TranslationsClient.Create(options =>
        {
            options.Address = app.Address;
            options.Token = TranslationsApp.Signing.Mint(Editor, TimeSpan.FromHours(1));
        });
        for (var i = 0; i < 3; i++)
        {
            await client.CreateReleaseAsync(Requests.NewRelease());
        }
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await app.StoredChangesAsync()).Count > 1)
        {
            Assert.True(DateTime.UtcNow < until, "Expired change events were not deleted.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var expired = await Assert.ThrowsAsync<EventsExpiredException>(async () =>
            await client.WatchAsync(new WatchReleasesRequest { AfterSequence = 1, View = ReleaseView.Draft }).FirstAsync());
        Assert.Equal(ErrorReasons.EventsExpired, expired.Reason);
        Assert.Equal(3, expired.OldestSequence);

        var ahead = await Assert.ThrowsAsync<EventsExpiredException>(async () =>
            await client.WatchAsync(new WatchReleasesRequest { AfterSequence = 1_000, View = ReleaseView.Draft }).FirstAsync());
        Assert.Equal(ErrorReasons.SequenceAhead, ahead.Reason);
        Assert.Equal(3, ahead.LastSequence);
    }

    [Fact]
    public async Task A_search_cut_off_mid_stream_continues_after_its_last_hit_with_nothing_repeated_or_skipped()
    {
        for (var i = 1; i <= 5; i++)
        {
            // One more "kookaburra" in each, so that the scores, and the order of the hits, differ.
            await _app.CreatePublishedAsync(Requests.NewRelease(language: "en", title: $"Release {i}",
                body: string.Join(' ', Enumerable.Repeat("kookaburra", i)) + " sings.", category: "cut-search"));
        }
        var request = new SearchReleasesRequest { Query = "kookaburras", Language = "en", Filter = new ReleaseFilter { Categories = { "cut-search" } } };
        var expected = await Client(Editor).SearchReleasesAsync(request).Select(h => h.Hit.ReleaseId).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(5, expected.Count);

        var cut = new CutStreams("/translations.v1.ReleaseService/SearchReleases", keep: 2);
        var client = Client(Editor, services: services => services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => cut.Handler())));
        var all = await client.SearchReleasesAsync(request).Select(h => h.Hit.ReleaseId).ToListAsync(TestContext.Current.CancellationToken);
        var three = request.Clone();
        three.Limit = 3;
        var firstThree = await client.SearchReleasesAsync(three).Select(h => h.Hit.ReleaseId).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, cut.Cut);              // each search's first call broke after its second hit
        Assert.Equal(expected, all);           // in order, nothing skipped, nothing twice
        Assert.Equal(expected.Take(3), firstThree);
    }

    [Fact]
    public async Task Marks_read_as_parts_of_the_text_land_on_their_words_after_an_emoji()
    {
        await _app.CreatePublishedAsync(Requests.NewRelease(language: "en", title: "Wombatword 🎄 wombatword", body: "🎄🎄 The wombatword is here.", category: "parts"));

        var hit = (await Client(Editor).SearchReleasesAsync("wombatword", "en").SingleAsync(TestContext.Current.CancellationToken)).Hit;

        Assert.Equal([("🎄🎄 The ", false), ("wombatword", true), (" is here.", false)], hit.Snippet.Parts().Select(p => (p.Text, p.Marked)));
        Assert.Equal([("Wombatword", true), (" 🎄 ", false), ("wombatword", true)], hit.Title.Parts().Select(p => (p.Text, p.Marked)));
    }

    /// <summary>Lets the first call to each named method reach the service, then drops its reply as a broken connection would.</summary>
    private sealed class LoseReplies(params string[] paths)
    {
        private readonly HashSet<string> _pending = [.. paths];
        private int _lost;

        public int Lost => Volatile.Read(ref _lost);

        public DelegatingHandler Handler() => new Dropping(this);

        private sealed class Dropping(LoseReplies owner) : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var response = await base.SendAsync(request, cancellationToken);
                bool lose;
                lock (owner._pending)
                {
                    lose = owner._pending.Remove(request.RequestUri!.AbsolutePath);
                }
                if (!lose)
                {
                    return response;
                }
                await response.Content.ReadAsByteArrayAsync(cancellationToken);   // the service has answered: the write is done
                response.Dispose();
                Interlocked.Increment(ref owner._lost);
                throw new HttpRequestException("The connection was reset before the reply arrived.", new IOException("Connection reset by peer"));
            }
        }
    }

    /// <summary>
    /// Lets the first <c>keep</c> messages of each call to the named server-streaming method through, then breaks
    /// the response as a dropped connection would; every call is cut the first time only (its continuation runs whole).
    /// </summary>
    private sealed class CutStreams(string path, int keep)
    {
        private readonly string _path = path;
        private readonly int _keep = keep;
        private int _calls;
        private int _cut;

        public int Cut => Volatile.Read(ref _cut);

        public DelegatingHandler Handler() => new Cutting(this);

        private sealed class Cutting(CutStreams owner) : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var response = await base.SendAsync(request, cancellationToken);
                // Calls alternate: a cut one, then its continuation.
                if (request.RequestUri!.AbsolutePath != owner._path || Interlocked.Increment(ref owner._calls) % 2 == 0)
                {
                    return response;
                }
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                var kept = 0;
                for (var i = 0; i < owner._keep && kept + 5 <= body.Length; i++)
                {
                    kept += 5 + System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(kept + 1, 4));   // gRPC framing: flag, length, message
                }
                Interlocked.Increment(ref owner._cut);
                var content = new StreamContent(new BrokenAfter(body[..kept]));
                foreach (var header in response.Content.Headers)
                {
                    content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
                response.Content = content;
                return response;
            }
        }

        /// <summary>These bytes, then the failure a reset connection gives.</summary>
        private sealed class BrokenAfter(byte[] bytes) : MemoryStream(bytes)
        {
            public override int Read(byte[] buffer, int offset, int count) => Check(base.Read(buffer, offset, count), count);

            public override int Read(Span<byte> buffer) => Check(base.Read(buffer), buffer.Length);

            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
                Check(await base.ReadAsync(buffer, cancellationToken), buffer.Length);

            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                Check(await base.ReadAsync(buffer.AsMemory(offset, count), cancellationToken), count);

            private static int Check(int read, int asked) =>
                read == 0 && asked > 0 ? throw new IOException("Connection reset by peer") : read;
        }
    }
}
