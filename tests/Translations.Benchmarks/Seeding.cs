using Microsoft.EntityFrameworkCore;
using Translations.Changes;
using Translations.Releases;
using Translations.Storage;

namespace Translations.Benchmarks;

/// <summary>Fills a fresh database with releases straight through the EF model, in large transactions.</summary>
internal static class Seeding
{
    public static async Task<string[]> SeedAsync(IDbContextFactory<TranslationsDbContext> contexts, int count)
    {
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        var ids = new string[count];
        var now = DateTimeOffset.UtcNow;
        const int batch = 5_000;
        for (var start = 0; start < count; start += batch)
        {
            await using var db = await contexts.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync();
            for (var i = start; i < Math.Min(count, start + batch); i++)
            {
                var id = ids[i] = Releases.ReleaseId.New();
                var body = $"Первый абзац релиза {i}: 24 апреля 2024 года в Москве состоялись консультации государств – членов организации.\n\nВторой абзац с подробностями, цитатами и контактами пресс-службы.";
                db.Releases.Add(new ReleaseRecord
                {
                    Id = id, ReleaseDate = new DateOnly(2010, 1, 1).AddDays(i % 5_000), Category = i % 3 == 0 ? "events" : "news",
                    SourceLanguage = "ru", Revision = 2, CreateTime = now, UpdateTime = now,
                    Tags = [new() { ReleaseId = id, Tag = "press", Position = 0 }],
                    // Published, as internal readers (the benchmark's caller) see releases.
                    Variants =
                    [
                        new() { ReleaseId = id, Language = "ru", Title = $"Релиз номер {i}", Lead = "Кратко о главном.", Body = body, Revision = 1, Author = "seed", Actor = "seed", UpdateTime = now, State = VariantState.Published },
                        new() { ReleaseId = id, Language = "en", Title = $"Release number {i}", Lead = "In brief.", Body = "First paragraph.\n\nSecond paragraph.", Revision = 1, SourceRevision = 1, Author = "seed", Actor = "seed", UpdateTime = now, State = VariantState.Published },
                    ],
                    PublishedVariants =
                    [
                        new() { ReleaseId = id, Language = "ru", Title = $"Релиз номер {i}", Lead = "Кратко о главном.", Body = body, Revision = 1, Author = "seed", Actor = "seed", UpdateTime = now },
                        new() { ReleaseId = id, Language = "en", Title = $"Release number {i}", Lead = "In brief.", Body = "First paragraph.\n\nSecond paragraph.", Revision = 1, SourceRevision = 1, Author = "seed", Actor = "seed", UpdateTime = now },
                    ],
                });
                db.ChangeEvents.Add(new ChangeEventRecord { Sequence = i + 1, ReleaseId = id, Category = i % 3 == 0 ? "events" : "news", Type = ChangeEventType.Created, Revision = 1, Time = now, Actor = "seed" });
            }
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        return ids;
    }
}
