using Grpc.Core;
using Translations.Client;
using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests;

/// <summary>BackupService: every release exported whole, and restored as it was into another database.</summary>
[Trait("Database", "Each")]
public sealed class BackupTests : IAsyncLifetime
{
    private readonly TranslationsApp _source = new();
    private readonly TranslationsApp _target = new();
    private readonly RegisteredClients _clients = new();

    public async ValueTask InitializeAsync()
    {
        await _source.InitializeAsync();
        await _target.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _clients.DisposeAsync();
        await _source.DisposeAsync();
        await _target.DisposeAsync();
    }

    private TranslationsClient Admin(TranslationsApp app) => _clients.For(app.Address, BackupContent.Admin);

    private static async Task<List<ReleaseBackup>> ExportAsync(TranslationsClient client) => await client.ExportReleasesAsync().ToListAsync();

    [Fact]
    public async Task A_restored_release_has_its_ids_revisions_states_times_and_history()
    {
        var ids = await BackupContent.FillAsync(_source);
        var exported = await ExportAsync(Admin(_source));

        var outcomes = await Admin(_target).RestoreReleasesAsync(exported);

        Assert.All(outcomes, o => Assert.Equal(RestoreResult.Created, o.Restored));
        Assert.Equal(ids.Order(), exported.Select(b => b.Release.Id).Order());
        Assert.Equal(exported, await ExportAsync(Admin(_target)));
        foreach (var id in ids)
        {
            foreach (var view in new[] { ReleaseView.Draft, ReleaseView.Published })
            {
                Assert.Equal(await ReadAsync(_source, id, view), await ReadAsync(_target, id, view));
            }
            foreach (var language in new[] { "ru", "en" })
            {
                Assert.Equal(await RevisionsAsync(_source, id, language), await RevisionsAsync(_target, id, language));
            }
        }
        Assert.Equal(await TasksAsync(_source, "en"), await TasksAsync(_target, "en"));
        Assert.Equal(await TasksAsync(_source, "ru"), await TasksAsync(_target, "ru"));
    }

    [Fact]
    public async Task The_export_lists_releases_oldest_first_with_every_revision_and_the_published_one()
    {
        await BackupContent.FillAsync(_source);

        var exported = await ExportAsync(Admin(_source));

        var dates = exported.Select(b => (b.Release.ReleaseDate.Year, b.Release.ReleaseDate.Month, b.Release.ReleaseDate.Day, b.Release.Id)).ToList();
        Assert.Equal(dates.Order(), dates);
        var published = exported.Single(b => b.Release.Tags.Contains("video"));
        var ru = published.Variants.Single(v => v.Current.Language == "ru");
        Assert.Equal("ru", published.Variants[0].Current.Language);
        Assert.Empty(published.Release.Variants);
        Assert.Equal(Enumerable.Range(1, (int)ru.Current.Revision).Select(r => (long)r), ru.Revisions.Select(r => r.Revision));
        Assert.Equal(ru.Current.Revision, ru.Revisions[^1].Revision);
        Assert.Equal(VariantState.InReview, ru.Current.State);
        Assert.NotNull(ru.Published);
        Assert.True(ru.Published.Revision < ru.Current.Revision);
        Assert.Equal(ru.Current.Revision, ru.ContentRevision);
        Assert.True(published.Variants.Single(v => v.Current.Language == "en").Current.Outdated);
        var english = exported.Single(b => b.Release.SourceLanguage == "en");
        Assert.Equal("«Два» — не то слово.", english.Variants.Single(v => v.Current.Language == "ru").Current.Comment);
    }

    [Fact]
    public async Task Restoring_again_changes_nothing_and_a_release_at_another_revision_is_left_as_it_is()
    {
        await BackupContent.FillAsync(_source);
        var exported = await ExportAsync(Admin(_source));
        await Admin(_target).RestoreReleasesAsync(exported);
        var changed = exported[0].Release;
        await _target.Editorial.UpdateReleaseAsync(new UpdateReleaseRequest
        {
            Release = new Release { Id = changed.Id, Category = "changed" },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "category" } },
            ExpectedRevision = changed.Revision,
        });
        var sequence = await _target.LastSequenceAsync();

        var again = await Admin(_target).RestoreReleasesAsync(exported);

        Assert.Equal((int)StatusCode.AlreadyExists, again[0].Error.Code);
        Assert.Contains(again[0].Error.Details, d => d.TryUnpack<Google.Rpc.ErrorInfo>(out var info) && info.Reason == ErrorReasons.ReleaseExists);
        Assert.Equal(changed.Id, again[0].ReleaseId);
        Assert.All(again.Skip(1), o => Assert.Equal(RestoreResult.Unchanged, o.Restored));
        Assert.Equal(sequence, await _target.LastSequenceAsync());
        Assert.Equal("changed", (await ReadAsync(_target, changed.Id, ReleaseView.Draft)).Category);
    }

    [Fact]
    public async Task Readers_learn_of_restored_publications_and_of_nothing_unpublished()
    {
        var ids = await BackupContent.FillAsync(_source);
        var exported = await ExportAsync(Admin(_source));
        var before = await _target.LastSequenceAsync();
        var notFound = await Requests.FailsAsync(_target.Releases.GetReleaseAsync(new GetReleaseRequest { Id = ids[0] }));   // cached as missing, if at all

        await Admin(_target).RestoreReleasesAsync(exported);

        Assert.Equal(StatusCode.NotFound, notFound.StatusCode);
        var events = await _target.StoredChangesAsync(before);
        var seenByReaders = events.Where(e => e.InPublishedView).Select(e => (e.ReleaseId, e.Language)).ToList();
        var publishedLanguages = exported.SelectMany(b => b.Variants.Where(v => v.Published is not null).Select(v => (b.Release.Id, (string?)v.Current.Language))).ToList();
        Assert.Equal(publishedLanguages.Order(), seenByReaders.Order());
        Assert.Equal(exported.Select(b => b.Release.Id).Order(), events.Where(e => e.Type == Changes.ChangeEventType.Created).Select(e => e.ReleaseId).Order());
        Assert.Equal("Опубликованный релиз", (await _target.Releases.GetReleaseAsync(new GetReleaseRequest { Id = ids[0], Language = "ru" })).Release.Variants[0].Title);
    }

    [Fact]
    public async Task A_backup_that_does_not_hang_together_is_refused_field_by_field_and_nothing_is_written()
    {
        await BackupContent.FillAsync(_source);
        var good = (await ExportAsync(Admin(_source)))[0];
        var reordered = good.Clone();
        reordered.Variants[0].Revisions.Add(reordered.Variants[0].Revisions[0].Clone());
        var unknownLanguage = good.Clone();
        unknownLanguage.Variants[0].Current.Language = "xx";
        var noHistory = good.Clone();
        noHistory.Variants[0].Revisions.Clear();
        var badId = good.Clone();
        badId.Release.Id = "not-an-id";
        var before = await _target.LastSequenceAsync();

        var outcomes = await Admin(_target).RestoreReleasesAsync([reordered, unknownLanguage, noHistory, badId]);

        Assert.All(outcomes, o => Assert.Equal((int)StatusCode.InvalidArgument, o.Error.Code));
        Assert.Contains($"release.variants[0].revisions[{reordered.Variants[0].Revisions.Count - 1}].revision", Violations(outcomes[0]));
        Assert.Contains("release.variants[0].current.language", Violations(outcomes[1]));
        Assert.Contains("release.variants[0].revisions", Violations(outcomes[2]));
        Assert.Equal(["release.release.id"], Violations(outcomes[3]));
        Assert.Equal("", outcomes[3].ReleaseId);
        Assert.Equal(before, await _target.LastSequenceAsync());
        Assert.Empty(await ExportAsync(Admin(_target)));
    }

    [Theory]
    [InlineData("editor")]
    [InlineData("translator")]
    [InlineData("reader")]
    public async Task Only_admins_may_export_or_restore(string role)
    {
        var caller = _target.As(new TokenClaims($"not-admin-{role}", role));
        var backups = new BackupService.BackupServiceClient(caller.Channel);

        var export = await Assert.ThrowsAsync<RpcException>(() => backups.ExportReleases(new ExportReleasesRequest()).ReadAllAsync());
        using var restore = backups.RestoreReleases();
        var restored = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await restore.RequestStream.CompleteAsync();
            await restore;
        });

        Assert.Equal(StatusCode.PermissionDenied, export.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, restored.StatusCode);
    }

    private static IReadOnlyList<string> Violations(RestoreReleaseOutcome outcome) =>
        outcome.Error.Details.Select(d => d.TryUnpack<Google.Rpc.BadRequest>(out var bad) ? bad : null).OfType<Google.Rpc.BadRequest>()
            .SelectMany(b => b.FieldViolations.Select(v => v.Field)).ToList();

    private static async Task<Release> ReadAsync(TranslationsApp app, string id, ReleaseView view)
    {
        try
        {
            return (await app.As(BackupContent.Admin).Releases.GetReleaseAsync(new GetReleaseRequest { Id = id, View = view })).Release;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return new Release();
        }
    }

    private static async Task<List<Variant>> RevisionsAsync(TranslationsApp app, string id, string language)
    {
        try
        {
            return (await app.Translation.ListVariantRevisions(new ListVariantRevisionsRequest { ReleaseId = id, Language = language }).ReadAllAsync()).Select(r => r.Variant).ToList();
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return [];
        }
    }

    private static async Task<List<TranslationTask>> TasksAsync(TranslationsApp app, string language) =>
        (await app.Translation.ListTranslationTasks(new ListTranslationTasksRequest { TargetLanguage = language }).ReadAllAsync()).Select(r => r.Task).ToList();
}
