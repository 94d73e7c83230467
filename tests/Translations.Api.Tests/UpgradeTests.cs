using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Translations.Storage;
using Translations.Storage.Sqlite;
using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests;

/// <summary>A database written by the previous version keeps working: its data is read with today's meaning.</summary>
public sealed class UpgradeTests
{
    private const string Id = "0193f1c2a8e47c3b9d2e4f6a8b0c1d2e";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Database_of_the_previous_version_keeps_its_releases_with_translators_as_authors_and_readers_events()
    {
        var folder = Directory.CreateTempSubdirectory("translations-upgrade-").FullName;
        try
        {
            await WritePreviousVersionAsync(Path.Combine(folder, "releases.db"));
            await using var app = TranslationsApp.ReplicaOn(folder);
            await app.InitializeAsync();
            var reader = app.As(new TokenClaims("site", "reader"));

            var english = (await reader.Releases.GetReleaseAsync(new GetReleaseRequest { Id = Id, Language = "en" }, cancellationToken: Ct)).Release.Variants[0];
            var history = await app.Translation.ListVariantRevisions(new ListVariantRevisionsRequest { ReleaseId = Id, Language = "en" }, cancellationToken: Ct).ReadAllAsync(Ct);
            using var watch = reader.Releases.Watch(after: 0, r => r.View = ReleaseView.Published, Ct);
            var seen = await watch.ReadEventsAsync(3);

            Assert.Equal(("Summit opens", "anna", "chief", false), (english.Title, english.Author, english.Actor, english.Outdated));
            Assert.Equal([("anna", "chief"), ("anna", "chief"), ("anna", "anna")], history.Select(h => (h.Variant.Author, h.Variant.Actor)));
            Assert.Equal([2L, 3L, 4L], seen.Select(e => e.Sequence));
            Assert.Equal(ReleaseEventType.MetadataUpdated, seen[2].Type);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// A release as the previous version stored it: Russian and English published, each step's revision
    /// recorded with whoever made it as "Author", and change events without the published-view flag.
    /// </summary>
    private static async Task WritePreviousVersionAsync(string path)
    {
        var options = new DbContextOptionsBuilder<TranslationsDbContext>();
        new SqliteStorageProvider(new SqliteConnectionStringBuilder($"Data Source={path}")).Configure(options);
        await using (var db = new TranslationsDbContext(options.Options))
        {
            await db.GetService<IMigrator>().MigrateAsync("20261127224955_ScheduledPublications", Ct);
        }
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $$"""
            INSERT INTO releases VALUES ('{{Id}}', 'summit', '2024-04-24', 'news', 'ru', 8, '2024-04-24 10:00:00+00:00', '2024-04-24 12:00:00+00:00');
            INSERT INTO variants (ReleaseId, Language, Title, Lead, Body, Revision, SourceRevision, Author, UpdateTime, Comment, ContentRevision, Outdated, State) VALUES
              ('{{Id}}', 'ru', 'Саммит открылся', '', 'Текст.', 4, 0, 'chief', '2024-04-24 12:00:00+00:00', '', 1, 0, 'Published'),
              ('{{Id}}', 'en', 'Summit opens', '', 'Text.', 3, 1, 'chief', '2024-04-24 12:00:00+00:00', '', 3, 0, 'Published');
            INSERT INTO published_variants VALUES
              ('{{Id}}', 'ru', 'Саммит открылся', '', 'Текст.', 4, 0, 'chief', '2024-04-24 12:00:00+00:00', 0),
              ('{{Id}}', 'en', 'Summit opens', '', 'Text.', 3, 1, 'chief', '2024-04-24 12:00:00+00:00', 0);
            INSERT INTO variant_revisions (ReleaseId, Language, Revision, Title, Lead, Body, SourceRevision, Author, UpdateTime, Comment, State) VALUES
              ('{{Id}}', 'ru', 1, 'Саммит открылся', '', 'Текст.', 0, 'olga', '2024-04-24 10:00:00+00:00', '', 'Draft'),
              ('{{Id}}', 'ru', 2, 'Саммит открылся', '', 'Текст.', 0, 'olga', '2024-04-24 10:30:00+00:00', '', 'InReview'),
              ('{{Id}}', 'ru', 3, 'Саммит открылся', '', 'Текст.', 0, 'chief', '2024-04-24 11:00:00+00:00', '', 'Approved'),
              ('{{Id}}', 'ru', 4, 'Саммит открылся', '', 'Текст.', 0, 'chief', '2024-04-24 12:00:00+00:00', '', 'Published'),
              ('{{Id}}', 'en', 1, 'Summit opens', '', 'Text.', 1, 'anna', '2024-04-24 10:40:00+00:00', '', 'InReview'),
              ('{{Id}}', 'en', 2, 'Summit opens', '', 'Text.', 1, 'chief', '2024-04-24 11:00:00+00:00', '', 'Approved'),
              ('{{Id}}', 'en', 3, 'Summit opens', '', 'Text.', 1, 'chief', '2024-04-24 12:00:00+00:00', '', 'Published');
            INSERT INTO change_events (Sequence, ReleaseId, Language, Type, Revision, Time, Actor, Category) VALUES
              (1, '{{Id}}', 'ru', 'Created', 1, '2024-04-24 10:00:00+00:00', 'olga', 'news'),
              (2, '{{Id}}', 'ru', 'VariantPublished', 7, '2024-04-24 12:00:00+00:00', 'chief', 'news'),
              (3, '{{Id}}', 'en', 'VariantPublished', 7, '2024-04-24 12:00:00+00:00', 'chief', 'news'),
              (4, '{{Id}}', NULL, 'MetadataUpdated', 8, '2024-04-24 12:30:00+00:00', 'chief', 'news');
            """;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
