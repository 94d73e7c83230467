using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Translations.Storage;
using Translations.Tests.Infrastructure;
using Translations.V1;

namespace Translations.Tests;

/// <summary>A host holding 10,000 releases, created through the API, spread over 400 dates so that many share one.</summary>
public sealed class TenThousandReleases : TranslationsApp
{
    public const int Count = 10_000;

    public TenThousandReleases() => this.WithObservedStore();

    public ObservedReleaseStore Store => this.ObservedStore();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < Count; i = Interlocked.Increment(ref next))
            {
                var date = new DateOnly(2020, 1, 1).AddDays(i % 400);
                await Editorial.CreateReleaseAsync(Requests.NewRelease(
                    title: $"Релиз {i}", body: $"Текст релиза {i}.", date: Requests.Date(date.Year, date.Month, date.Day)));
            }
        })));
    }
}

[Trait("Database", "Each")]
public sealed class StreamingTests(TenThousandReleases app) : IClassFixture<TenThousandReleases>
{
    [Fact]
    public async Task All_releases_stream_in_release_date_order_with_ties_broken_by_id()
    {
        var responses = await app.Releases.QueryReleases(new QueryReleasesRequest { View = ReleaseView.Draft }).ReadAllAsync();

        Assert.Equal(TenThousandReleases.Count, responses.Count);
        Assert.Equal(TenThousandReleases.Count, responses.Select(r => r.Release.Id).Distinct().Count());
        var keys = responses.Select(r => (Date: Key(r.Release.ReleaseDate), r.Release.Id)).ToArray();
        for (var i = 1; i < keys.Length; i++)
        {
            Assert.True(string.CompareOrdinal(keys[i - 1].Date + keys[i - 1].Id, keys[i].Date + keys[i].Id) > 0,
                $"Release {i} ({keys[i]}) is out of order after {keys[i - 1]}.");
        }
    }

    [Fact]
    public async Task Resuming_from_a_cursor_mid_way_gives_neither_a_gap_nor_a_duplicate()
    {
        var request = new QueryReleasesRequest { View = ReleaseView.Draft, Order = ReleaseOrder.ReleaseDateAscending };
        var all = (await app.Releases.QueryReleases(request).ReadAllAsync()).Select(r => r.Release.Id).ToArray();

        var firstPart = new List<QueryReleasesResponse>();
        using (var broken = app.Releases.QueryReleases(request))
        {
            await foreach (var response in broken.ResponseStream.ReadAllAsync())
            {
                firstPart.Add(response);
                if (firstPart.Count == 4_321)
                {
                    break;   // the client goes away mid-stream
                }
            }
        }
        var rest = await app.Releases.QueryReleases(new QueryReleasesRequest { View = ReleaseView.Draft,
            Order = ReleaseOrder.ReleaseDateAscending,
            After = firstPart[^1].Cursor,
        }).ReadAllAsync();

        Assert.Equal(all, firstPart.Concat(rest).Select(r => r.Release.Id));
    }

    [Fact]
    public async Task A_slow_reader_holds_the_server_back_and_a_cancelled_stream_stops_its_reading()
    {
        var before = app.Store.ReleasesQueried;
        using var cancellation = new CancellationTokenSource();
        using var call = app.Releases.QueryReleases(new QueryReleasesRequest { View = ReleaseView.Draft }, cancellationToken: cancellation.Token);

        for (var i = 0; i < 100; i++)
        {
            Assert.True(await call.ResponseStream.MoveNext(cancellation.Token));
        }
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        var readWhilePaused = app.Store.ReleasesQueried - before;
        cancellation.Cancel();
        await WaitUntil(() => app.Store.OpenQueries == 0);
        var readInAll = app.Store.ReleasesQueried - before;

        TestContext.Current.TestOutputHelper?.WriteLine($"Read from storage: {readWhilePaused} while paused after 100, {readInAll} in all.");
        // Flow control lets the server run ahead by what fits in the HTTP/2 windows and one page, not by the whole result.
        Assert.InRange(readWhilePaused, 100, TenThousandReleases.Count / 4);
        Assert.InRange(readInAll, readWhilePaused, TenThousandReleases.Count / 4);
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task A_deadline_ends_the_stream_with_deadline_exceeded()
    {
        using var call = app.Releases.QueryReleases(new QueryReleasesRequest { View = ReleaseView.Draft }, deadline: DateTime.UtcNow.AddMilliseconds(300));
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        });

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        await WaitUntil(() => app.Store.OpenQueries == 0);
    }

    private static string Key(Google.Type.Date date) => $"{date.Year:D4}{date.Month:D2}{date.Day:D2}";

    private static async Task WaitUntil(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "The server did not stop reading within 10 seconds.");
            await Task.Delay(20);
        }
    }
}
