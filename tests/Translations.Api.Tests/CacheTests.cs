using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using Translations.Caching;
using Translations.Testing;
using Translations.Tests.Infrastructure;
using Translations.V1;

namespace Translations.Tests;

/// <summary>Two replicas on one database and one real Redis, as the service runs behind one address.</summary>
public sealed class TwoReplicas : IAsyncLifetime
{
    public RedisServer Redis { get; } = new();

    public TranslationsApp A { get; private set; } = null!;

    public TranslationsApp B { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Redis.InitializeAsync();
        A = new TranslationsApp().With("ConnectionStrings:Redis", Redis.ConnectionString).WithObservedStore();
        await A.InitializeAsync();
        B = Replica();
        await B.InitializeAsync();
    }

    /// <summary>Another replica on the same database and Redis; the caller starts and disposes it.</summary>
    public TranslationsApp Replica() => TranslationsApp.ReplicaOn(A.DataDirectory).With("ConnectionStrings:Redis", Redis.ConnectionString);

    public async ValueTask DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

[Trait("Database", "Each")]
public sealed class CacheTests(TwoReplicas replicas) : IClassFixture<TwoReplicas>
{
    private TranslationsApp A => replicas.A;
    private TranslationsApp B => replicas.B;

    private static async Task<long> RevisionOn(TranslationsApp app, string id) =>
        (await app.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = id })).Release.Revision;

    /// <summary>HybridCache writes Redis in the background after it has answered: waits until the release is there.</summary>
    private async Task InRedisAsync(string id)
    {
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(replicas.Redis.ConnectionString);
        var server = redis.GetServers()[0];
        for (var attempt = 0; !server.Keys(pattern: $"*{id}*").Any(); attempt++)
        {
            Assert.True(attempt < 250, $"Release {id} did not reach Redis within 5 s.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    private static MetricCollector<long> Collect(TranslationsApp app, string instrument) =>
        new(app.Services.GetRequiredService<IMeterFactory>(), CacheMetrics.MeterName, instrument);

    [Fact]
    public async Task The_replica_that_took_a_write_reads_it_back_at_once()
    {
        var created = await A.CreateAsync(Requests.NewRelease());
        Assert.Equal(1, await RevisionOn(A, created.Id));

        for (var revision = 0; revision < 20; revision++)
        {
            var written = await A.Translation.SubmitVariantAsync(Requests.Variant(created.Id, "en", title: $"Take {revision}", expectedRevision: revision));
            var read = await A.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = created.Id, Language = "en" });

            Assert.Equal(written.ReleaseRevision, read.Release.Revision);
            Assert.Equal($"Take {revision}", read.Release.Variants[0].Title);
        }
    }

    [Fact]
    public async Task A_release_read_from_redis_equals_the_one_read_from_the_database_to_every_field()
    {
        var created = await A.CreateAsync(Requests.NewRelease());
        // A minor edit of the original: translations keep following revision 1, so its content revision differs from its revision.
        await A.Translation.SubmitVariantAsync(Requests.Variant(created.Id, "ru", title: "Заголовок, правка", expectedRevision: 1).AsMinor());
        await A.Translation.SubmitVariantAsync(Requests.Variant(created.Id, "en", sourceRevision: 1));
        var fromDatabase = (await A.Services.GetRequiredService<Storage.IReleaseStore>().GetReleaseAsync(created.Id, null, Releases.ReleaseView.Draft, TestContext.Current.CancellationToken))!;
        await InRedisAsync(created.Id);

        await using var fresh = replicas.Replica();   // nothing in its L1: it reads what A put into Redis
        await fresh.InitializeAsync();
        var fromRedis = (await fresh.Services.GetRequiredService<Storage.IReleaseStore>().GetReleaseAsync(created.Id, null, Releases.ReleaseView.Draft, TestContext.Current.CancellationToken))!;

        Assert.Equal(1, fromDatabase.Variants[0].FollowedRevision);
        Assert.Equal(fromDatabase with { Variants = [], Tags = [] }, fromRedis with { Variants = [], Tags = [] });
        Assert.Equal(fromDatabase.Tags, fromRedis.Tags);
        Assert.Equal(fromDatabase.Variants, fromRedis.Variants);
    }

    [Fact]
    public async Task Another_replica_reads_the_new_revision_within_a_second_of_the_acknowledgement()
    {
        var created = await A.CreateAsync(Requests.NewRelease());
        Assert.Equal(1, await RevisionOn(B, created.Id));
        Assert.Equal(1, await RevisionOn(B, created.Id));   // now from B's L1

        var written = await A.Translation.SubmitVariantAsync(Requests.Variant(created.Id, "en"));
        var acknowledged = System.Diagnostics.Stopwatch.StartNew();
        while (await RevisionOn(B, created.Id) != written.ReleaseRevision)
        {
            Assert.True(acknowledged.Elapsed < TimeSpan.FromSeconds(1), "Replica B still served the old revision a second after the write.");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task A_slow_read_that_began_before_a_write_does_not_put_the_old_revision_back()
    {
        var created = await A.CreateAsync(Requests.NewRelease(title: "Старый"));
        var held = A.ObservedStore().HoldNextRead(created.Id);
        var slowRead = A.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = created.Id }).ResponseAsync;
        Assert.Equal(1, (await held.Reached.Task)?.Revision);   // it has read revision 1 from the database

        var written = await A.Translation.SubmitVariantAsync(Requests.Variant(created.Id, "ru", title: "Новый", expectedRevision: 1));
        held.Release();
        await slowRead;

        Assert.Equal(written.ReleaseRevision, await RevisionOn(A, created.Id));
        Assert.Equal(written.ReleaseRevision, await RevisionOn(B, created.Id));
        await using var fresh = replicas.Replica();   // empty L1, no watermarks: whatever Redis holds is what it serves
        await fresh.InitializeAsync();
        Assert.Equal(written.ReleaseRevision, await RevisionOn(fresh, created.Id));
    }

    [Fact]
    public async Task Two_hundred_concurrent_reads_of_a_cold_release_cause_one_storage_read()
    {
        var created = await A.CreateAsync(Requests.NewRelease());
        using var storageReads = Collect(B, "translations.cache.storage.reads");

        var reads = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ =>
            B.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = created.Id, Language = "ru" }).ResponseAsync));

        Assert.All(reads, r => Assert.Equal(created.Id, r.Release.Id));
        Assert.Equal(1, storageReads.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task A_batch_fetches_only_its_misses_in_one_storage_read()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await A.CreateAsync(Requests.NewRelease())).Id);
        }
        await B.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = ids[0] });
        using var storageReads = Collect(B, "translations.cache.storage.reads");

        var first = await B.Releases.BatchGetReleasesAsync(new BatchGetReleasesRequest { View = ReleaseView.Draft, Ids = { ids } });
        var second = await B.Releases.BatchGetReleasesAsync(new BatchGetReleasesRequest { View = ReleaseView.Draft, Ids = { ids } });

        Assert.Equal(ids, first.Releases.Select(r => r.Id));
        Assert.Equal(ids, second.Releases.Select(r => r.Id));
        Assert.Equal(1, storageReads.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task Reads_are_counted_as_l1_and_l2_hits_and_misses()
    {
        var created = await A.CreateAsync(Requests.NewRelease());
        await RevisionOn(A, created.Id);   // storage -> L1 and Redis on A
        await InRedisAsync(created.Id);
        using var l1Hits = Collect(B, "translations.cache.l1.hits");
        using var l1Misses = Collect(B, "translations.cache.l1.misses");
        using var l2Hits = Collect(B, "translations.cache.l2.hits");
        using var storageReads = Collect(B, "translations.cache.storage.reads");

        await RevisionOn(B, created.Id);   // B: L1 miss, Redis hit
        await RevisionOn(B, created.Id);   // B: L1 hit

        Assert.Equal(1, l1Misses.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, l2Hits.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, l1Hits.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(0, storageReads.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task A_renamed_slug_is_not_served_from_the_cache()
    {
        var slug = Requests.Unique("renamed");
        var created = await A.CreateAsync(Requests.NewRelease(slug: slug));
        await B.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Slug = slug });

        await A.Editorial.UpdateReleaseAsync(new UpdateReleaseRequest
        {
            Release = new Release { Id = created.Id, Slug = slug + "-new" },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "slug" } },
            ExpectedRevision = 1,
        });

        var old = await Requests.FailsAsync(A.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Slug = slug }));
        Assert.Equal(Grpc.Core.StatusCode.NotFound, old.StatusCode);
        Assert.Equal(created.Id, (await A.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Slug = slug + "-new" })).Release.Id);
    }
}
