using Grpc.Core;
using Translations.Tests.Infrastructure;
using Translations.V1;

namespace Translations.Tests;

/// <summary>
/// What the database gives back is what was written, on SQLite and on PostgreSQL alike: text to the
/// last code point, times to the microsecond, dates at the ends of the calendar, ids in byte order.
/// Reads go through a second replica with caching off, so every value comes from the database.
/// </summary>
[Trait("Database", "Each")]
public sealed class StoredFormTests(TranslationsApp app) : IClassFixture<TranslationsApp>, IAsyncLifetime
{
    private TranslationsApp _database = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = TranslationsApp.ReplicaOn(app.DataDirectory).With("Cache:Enabled", "false");
        await _database.InitializeAsync();
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    /// <summary>
    /// Cyrillic with ё and Ё, typographic quotes, a flag and a skin-toned ZWJ sequence (astral
    /// characters: surrogate pairs in .NET, four bytes in UTF-8), a combining tilde with no precomposed
    /// form, Arabic and CJK, and inner white space of every kind the rules keep.
    /// </summary>
    private const string Hard = "Ёлки и ёж — «ОДКБ» 🇷🇺 👩🏽‍💻 q̃ ﻻ 中文\tтаб  два пробела";

    [Fact]
    public async Task Text_reads_back_exactly_as_the_write_returned_it()
    {
        var created = await app.CreateAsync(Requests.NewRelease(title: Hard, lead: Hard + " лид", body: $"{Hard}\n\nВторой абзац: ё̈ a\u0301.\n\n🙂"));
        var english = (await app.Translation.SubmitVariantAsync(Requests.Variant(created.Id, "en", title: "Emoji 🎉 and ё", body: $"{Hard}\n\nEnd."))).Variant;

        var read = await DraftFromDatabaseAsync(created.Id);

        var ru = created.Variants.Single();
        Assert.Equal((ru.Title, ru.Lead, ru.Body), (read.Variants[0].Title, read.Variants[0].Lead, read.Variants[0].Body));
        Assert.Equal((english.Title, english.Body), (read.Variants[1].Title, read.Variants[1].Body));
        Assert.Contains("👩🏽‍💻", read.Variants[0].Title);
        Assert.Contains("q̃", read.Variants[0].Title);
    }

    [Fact]
    public async Task A_body_of_200000_characters_reads_back_exactly()
    {
        // Two-byte Cyrillic, one-byte Latin and four-byte emoji, 200,000 characters (Unicode scalar values) in all.
        var pattern = "Ёж 😀 z. ";
        var scalars = pattern.EnumerateRunes().ToArray();
        var body = string.Concat(Enumerable.Range(0, 200_000).Select(i => scalars[i % scalars.Length].ToString()));
        Assert.Equal(200_000, body.EnumerateRunes().Count());
        body = body.Trim() + "Я";

        var created = await app.CreateAsync(Requests.NewRelease(body: body));
        var read = await DraftFromDatabaseAsync(created.Id);

        Assert.Equal(created.Variants[0].Body, read.Variants[0].Body);
        Assert.Equal(body, read.Variants[0].Body);
    }

    [Fact]
    public async Task Times_read_back_equal_the_times_the_write_returned_to_the_microsecond()
    {
        var created = await app.CreateAsync(Requests.NewRelease());
        var read = await DraftFromDatabaseAsync(created.Id);

        Assert.Equal(created.CreateTime, read.CreateTime);
        Assert.Equal(created.UpdateTime, read.UpdateTime);
        Assert.Equal(created.Variants[0].UpdateTime, read.Variants[0].UpdateTime);
        Assert.Equal(0, created.CreateTime.Nanos % 1_000);
    }

    [Fact]
    public async Task Release_dates_at_both_ends_of_the_calendar_read_back_and_order_correctly()
    {
        var category = Requests.Unique("edge");
        var dates = new[] { Requests.Date(1, 1, 1), Requests.Date(1999, 12, 31), Requests.Date(2024, 2, 29), Requests.Date(9999, 12, 31) };
        foreach (var date in dates.Reverse())
        {
            await app.CreateAsync(Requests.NewRelease(date: date, category: category));
        }

        var ascending = await QueryAsync(category, ReleaseOrder.ReleaseDateAscending);

        Assert.Equal(dates, ascending.Select(r => r.ReleaseDate));
    }

    [Fact]
    public async Task Releases_of_one_date_come_in_byte_order_of_their_ids_both_ways()
    {
        var category = Requests.Unique("ids");
        for (var i = 0; i < 24; i++)
        {
            await app.CreateAsync(Requests.NewRelease(category: category));
        }

        var ascending = (await QueryAsync(category, ReleaseOrder.ReleaseDateAscending)).Select(r => r.Id).ToList();
        var descending = (await QueryAsync(category, ReleaseOrder.ReleaseDateDescending)).Select(r => r.Id).ToList();

        Assert.Equal(ascending.Order(StringComparer.Ordinal), ascending);
        Assert.Equal(ascending.AsEnumerable().Reverse(), descending);
        // Resuming after each cursor in turn walks the same order: the keyset seek compares ids as the ORDER BY does.
        var resumed = new List<string>();
        var after = "";
        while (true)
        {
            using var call = _database.Releases.QueryReleases(new QueryReleasesRequest
            {
                Filter = new ReleaseFilter { Categories = { category } }, Order = ReleaseOrder.ReleaseDateAscending, Limit = 5, After = after, View = ReleaseView.Draft,
            }, cancellationToken: Ct);
            var page = await call.ResponseStream.ReadAllAsync(Ct).ToListAsync(Ct);
            resumed.AddRange(page.Select(p => p.Release.Id));
            if (page.Count < 5)
            {
                break;
            }
            after = page[^1].Cursor;
        }
        Assert.Equal(ascending, resumed);
    }

    private async Task<Release> DraftFromDatabaseAsync(string id) =>
        (await _database.Releases.GetReleaseAsync(new GetReleaseRequest { Id = id, View = ReleaseView.Draft }, cancellationToken: Ct)).Release;

    private async Task<List<Release>> QueryAsync(string category, ReleaseOrder order)
    {
        using var call = _database.Releases.QueryReleases(new QueryReleasesRequest
        {
            Filter = new ReleaseFilter { Categories = { category } }, Order = order, View = ReleaseView.Draft,
        }, cancellationToken: Ct);
        return (await call.ResponseStream.ReadAllAsync(Ct).ToListAsync(Ct)).Select(r => r.Release).ToList();
    }
}
