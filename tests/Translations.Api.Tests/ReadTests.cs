using Grpc.Core;
using Translations.Tests.Infrastructure;
using Translations.V1;

namespace Translations.Tests;

[Trait("Database", "Each")]
public sealed class ReadTests(TranslationsApp app) : IClassFixture<TranslationsApp>
{
    [Fact]
    public async Task Batch_get_returns_found_releases_in_request_order_and_reports_missing_ids()
    {
        var first = await app.CreateAsync(Requests.NewRelease(title: "Первый"));
        var second = await app.CreateAsync(Requests.NewRelease(title: "Второй"));
        await app.Translation.SubmitVariantAsync(Requests.Variant(second.Id, "en", title: "Second"));
        var missing = Guid.NewGuid().ToString("N");

        var response = await app.Releases.BatchGetReleasesAsync(new BatchGetReleasesRequest { View = ReleaseView.Draft,
            Ids = { second.Id, missing, first.Id, second.Id },
            Language = "en",
        });

        Assert.Equal([second.Id, first.Id], response.Releases.Select(r => r.Id));
        Assert.Equal(["Second", "Первый"], response.Releases.Select(r => Assert.Single(r.Variants).Title));
        Assert.Equal([missing], response.MissingIds);
    }

    [Fact]
    public async Task Batch_get_of_more_than_100_ids_or_a_malformed_id_is_invalid()
    {
        var tooMany = await Requests.FailsAsync(app.Releases.BatchGetReleasesAsync(new BatchGetReleasesRequest { View = ReleaseView.Draft,
            Ids = { Enumerable.Range(0, 10_000).Select(_ => Guid.NewGuid().ToString("N")) },
        }));
        var malformed = await Requests.FailsAsync(app.Releases.BatchGetReleasesAsync(new BatchGetReleasesRequest { View = ReleaseView.Draft,
            Ids = { Guid.NewGuid().ToString("N"), "../etc/passwd" },
        }));

        Assert.Equal(["ids"], tooMany.ViolatedFields());
        Assert.Equal(["ids[1]"], malformed.ViolatedFields());
    }

    [Fact]
    public async Task Get_of_an_unknown_release_is_not_found_and_of_a_malformed_key_is_invalid()
    {
        var unknownId = await Requests.FailsAsync(app.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = Guid.NewGuid().ToString("N") }));
        var unknownSlug = await Requests.FailsAsync(app.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Slug = Requests.Unique("nobody") }));
        var malformed = await Requests.FailsAsync(app.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = "DROP TABLE", Language = "xx" }));
        var neither = await Requests.FailsAsync(app.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft }));

        Assert.Equal(StatusCode.NotFound, unknownId.StatusCode);
        Assert.Equal(StatusCode.NotFound, unknownSlug.StatusCode);
        Assert.Equal(["id", "language"], malformed.ViolatedFields());
        Assert.Equal(["id"], neither.ViolatedFields());
    }

    [Fact]
    public async Task Query_filters_by_date_range_category_tags_and_languages()
    {
        var category = Requests.Unique("cat");
        async Task<string> Create(int day, string[] tags, bool english, string? otherCategory = null)
        {
            var release = await app.CreateAsync(Requests.NewRelease(date: Requests.Date(2024, 4, day), category: otherCategory ?? category, tags: tags));
            if (english)
            {
                await app.Translation.SubmitVariantAsync(Requests.Variant(release.Id, "en"));
            }
            return release.Id;
        }
        var early = await Create(1, ["alpha"], english: true);
        var middle = await Create(10, ["beta"], english: false);
        var late = await Create(20, ["alpha", "gamma"], english: false);
        await Create(10, ["alpha"], english: true, otherCategory: Requests.Unique("other"));

        async Task<string[]> Query(ReleaseFilter filter)
        {
            filter.Categories.Add(category);
            var responses = await app.Releases.QueryReleases(new QueryReleasesRequest { View = ReleaseView.Draft, Filter = filter }).ReadAllAsync();
            return responses.Select(r => r.Release.Id).ToArray();
        }

        Assert.Equal([late, middle, early], await Query(new ReleaseFilter()));
        Assert.Equal([late, middle], await Query(new ReleaseFilter { ReleaseDateFrom = Requests.Date(2024, 4, 10) }));
        Assert.Equal([middle, early], await Query(new ReleaseFilter { ReleaseDateTo = Requests.Date(2024, 4, 10) }));
        Assert.Equal([middle], await Query(new ReleaseFilter { ReleaseDateFrom = Requests.Date(2024, 4, 10), ReleaseDateTo = Requests.Date(2024, 4, 10) }));
        Assert.Equal([late, early], await Query(new ReleaseFilter { Tags = { "alpha" } }));
        Assert.Equal([late, middle], await Query(new ReleaseFilter { Tags = { "beta", "gamma" } }));
        Assert.Equal([early], await Query(new ReleaseFilter { HasLanguage = "en" }));
        Assert.Equal([late, middle], await Query(new ReleaseFilter { MissingLanguage = "en" }));
        Assert.Equal([late, middle, early], await Query(new ReleaseFilter { HasLanguage = "ru" }));
    }

    [Fact]
    public async Task Query_orders_ascending_on_request_breaks_date_ties_by_id_and_honours_the_limit()
    {
        var category = Requests.Unique("order");
        var ids = new List<string>();
        foreach (var day in new[] { 5, 3, 5, 1, 5 })
        {
            ids.Add((await app.CreateAsync(Requests.NewRelease(date: Requests.Date(2023, 1, day), category: category))).Id);
        }
        var filter = new ReleaseFilter { Categories = { category } };

        var ascending = await app.Releases.QueryReleases(new QueryReleasesRequest { View = ReleaseView.Draft, Filter = filter, Order = ReleaseOrder.ReleaseDateAscending }).ReadAllAsync();
        var descending = await app.Releases.QueryReleases(new QueryReleasesRequest { View = ReleaseView.Draft, Filter = filter }).ReadAllAsync();
        var limited = await app.Releases.QueryReleases(new QueryReleasesRequest { View = ReleaseView.Draft, Filter = filter, Limit = 2 }).ReadAllAsync();

        var fifth = ids.Where((_, i) => i is 0 or 2 or 4).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal([ids[3], ids[1], .. fifth], ascending.Select(r => r.Release.Id));
        Assert.Equal(ascending.Select(r => r.Release.Id).Reverse(), descending.Select(r => r.Release.Id));
        Assert.Equal(descending.Take(2).Select(r => r.Release.Id), limited.Select(r => r.Release.Id));
    }

    [Fact]
    public async Task Query_in_a_language_serves_each_release_in_it_or_its_fallback()
    {
        var category = Requests.Unique("lang");
        var translated = await app.CreateAsync(Requests.NewRelease(date: Requests.Date(2024, 1, 2), category: category, title: "Переведён"));
        await app.Translation.SubmitVariantAsync(Requests.Variant(translated.Id, "en", title: "Translated"));
        await app.CreateAsync(Requests.NewRelease(date: Requests.Date(2024, 1, 1), category: category, title: "Не переведён"));

        var responses = await app.Releases.QueryReleases(new QueryReleasesRequest { View = ReleaseView.Draft,
            Filter = new ReleaseFilter { Categories = { category } },
            Language = "en",
        }).ReadAllAsync();

        Assert.Equal([("Translated", "en", false), ("Не переведён", "ru", true)],
            responses.Select(r => (Assert.Single(r.Release.Variants).Title, r.ServedLanguage, r.FellBack)));
    }

    [Fact]
    public async Task Query_with_bad_arguments_names_every_bad_field()
    {
        var error = await Requests.FailsAsync(() => app.Releases.QueryReleases(new QueryReleasesRequest { View = ReleaseView.Draft,
            Filter = new ReleaseFilter
            {
                ReleaseDateFrom = Requests.Date(2024, 2, 30),
                Categories = { "Bad Category" },
                HasLanguage = "xx",
            },
            Order = (ReleaseOrder)7,
            Limit = -1,
            After = "not-a-cursor",
            Language = "RU",
        }).ReadAllAsync());

        Assert.Equal(["after", "filter.categories[0]", "filter.has_language", "filter.release_date_from", "language", "limit", "order"],
            error.ViolatedFields().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Cursor_from_one_order_is_refused_for_the_other()
    {
        var category = Requests.Unique("cursor");
        await app.CreateAsync(Requests.NewRelease(category: category));
        var first = (await app.Releases.QueryReleases(new QueryReleasesRequest { View = ReleaseView.Draft, Filter = new() { Categories = { category } } }).ReadAllAsync())[0];

        var error = await Requests.FailsAsync(() => app.Releases.QueryReleases(new QueryReleasesRequest { View = ReleaseView.Draft,
            Order = ReleaseOrder.ReleaseDateAscending,
            After = first.Cursor,
        }).ReadAllAsync());

        Assert.Equal(["after"], error.ViolatedFields());
    }

    [Fact]
    public async Task Health_service_reports_serving()
    {
        var serving = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving;
        Assert.Equal(serving, await app.HealthAsync(serving));
    }

    [Fact]
    public async Task Server_reflection_lists_the_three_services_and_health()
    {
        var reflection = new Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(app.Channel);
        using var call = reflection.ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name);
        Assert.Superset(new HashSet<string>
        {
            "translations.v1.ReleaseService", "translations.v1.EditorialService", "translations.v1.TranslationService", "grpc.health.v1.Health",
        }, services.ToHashSet());
    }
}
