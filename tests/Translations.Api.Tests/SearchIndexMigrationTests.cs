using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests;

/// <summary>The migration that adds the search index indexes what the database already holds.</summary>
[Trait("Database", "Each")]
public sealed class SearchIndexMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Releases_written_before_the_index_existed_are_found_once_the_service_has_migrated()
    {
        await using var previous = new TranslationsApp();
        await previous.InitializeAsync();
        await using (var db = await previous.DatabaseAsync())
        {
            // Back to the schema before the index: what a database of the previous version looks like.
            var migrations = db.Database.GetMigrations().ToList();
            var beforeSearch = migrations[migrations.FindIndex(m => m.EndsWith("_ReleaseSearch", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(beforeSearch, Ct);
        }
        var published = await previous.CreatePublishedAsync(Requests.NewRelease(title: "Саммит открылся", body: "Учения ОДКБ завершились.", category: "upgrade"));
        var draft = await previous.CreateAsync(Requests.NewRelease(language: "en", title: "Summit closes", body: "Exercises ended.", category: "upgrade"));

        await using var upgraded = TranslationsApp.ReplicaOn(previous.DataDirectory);
        await upgraded.InitializeAsync();
        var editor = upgraded.As(new TokenClaims("olga", "editor"));

        async Task<string[]> FoundAsync(string query, string language, ReleaseView view) =>
            (await editor.Releases.SearchReleases(new SearchReleasesRequest { Query = query, Language = language, View = view }, cancellationToken: Ct).ReadAllAsync(Ct))
            .Select(h => h.Hit.ReleaseId).ToArray();
        Assert.Equal([published.Id], await FoundAsync("учений", "ru", ReleaseView.Published));
        Assert.Equal([published.Id], await FoundAsync("саммит", "ru", ReleaseView.Draft));
        Assert.Equal([draft.Id], await FoundAsync("exercise", "en", ReleaseView.Draft));
        Assert.Empty(await FoundAsync("exercise", "en", ReleaseView.Published));
    }
}
