using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests;

/// <summary>
/// The same releases on SQLite and on PostgreSQL answer every query with the same hits, titles and snippets:
/// a client cannot tell which database answered (scores and the order of equally good hits aside).
/// Runs once, with both databases side by side.
/// </summary>
public sealed class SearchParityTests : IAsyncLifetime
{
    private readonly TranslationsApp _sqlite = new TranslationsApp().OnPostgreSql(false);
    private readonly TranslationsApp _postgreSql = new TranslationsApp().OnPostgreSql();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Texts beyond the shared corpus with what tokenizers disagree on: numbers, apostrophes, compounds, stop words.</summary>
    private static readonly (string Language, string Title, string Body)[] Harder =
    [
        ("ru", "Отчёт за 2025 год: рост на 3,5%",
            "С 5-го по 7-е число прошли переговоры по-английски и по-русски. Т.е. всё, что было сказано, — в протоколе №12.\n\n" +
            "Бюджет составил 1 500 млн рублей (1,5 млрд). Участвовали ООН, НАТО и «Газпром-Медиа». E-mail: press@example.org."),
        ("ru", "Ещё одна ёлка",
            "Ёлки и елки, Ёжик и ежик, её и ее, объём и объем. Мы были там, где они были всегда."),
        ("en", "O'Neil's report on COVID-19 and well-being",
            "The U.S. and the U.K. agreed on a 3.5% rise in 2025-2026. Dr. O'Neil said it's the state-of-the-art e-mail policy.\n\n" +
            "Visit https://example.org/reports/2025 or write to press@example.org. It was the best of times."),
        ("en", "Running runners ran",
            "Organisations organised organizational meetings; the meeting's minutes were generously given by the generous generals."),
    ];

    private static readonly (string Query, string Language)[] Queries =
    [
        ("учения", "ru"), ("учениях", "ru"), ("ОДКБ", "ru"), ("ёлка", "ru"), ("елки", "ru"), ("ежик", "ru"), ("объём", "ru"),
        ("пресс-релиз", "ru"), ("пресс", "ru"), ("релиз", "ru"), ("служба", "ru"), ("\"учения ОДКБ\"", "ru"), ("\"ОДКБ учения\"", "ru"),
        ("учения -командование", "ru"), ("ёлка OR форум", "ru"), ("Таджикистан", "ru"), ("Таджикистане", "ru"),
        ("2025", "ru"), ("2026", "ru"), ("12.05.2026", "ru"), ("3,5", "ru"), ("3", "ru"), ("5", "ru"), ("5-го", "ru"), ("по-английски", "ru"),
        ("английски", "ru"), ("1 500", "ru"), ("млн", "ru"), ("ООН НАТО", "ru"), ("Газпром-Медиа", "ru"), ("медиа", "ru"),
        ("press@example.org", "ru"), ("e-mail", "ru"), ("т.е.", "ru"), ("мы были там", "ru"), ("\"были всегда\"", "ru"),
        ("\"там где\"", "ru"), ("и", "ru"), ("«Вектор»", "ru"), ("вектор OR газпром", "ru"), ("Взаимодействие-2026", "ru"),
        ("exercise", "en"), ("exercises", "en"), ("CSTO-led", "en"), ("led", "en"), ("\"press release\"", "en"), ("tree -Kremlin", "en"),
        ("O'Neil", "en"), ("oneil", "en"), ("neil", "en"), ("COVID-19", "en"), ("covid", "en"), ("19", "en"), ("well-being", "en"),
        ("being", "en"), ("U.S.", "en"), ("3.5%", "en"), ("2025-2026", "en"), ("state-of-the-art", "en"), ("art", "en"),
        ("https://example.org/reports/2025", "en"), ("example.org", "en"), ("reports", "en"), ("run", "en"), ("runners", "en"),
        ("organization", "en"), ("organised", "en"), ("general", "en"), ("generously", "en"), ("\"best of times\"", "en"),
        ("\"the best\"", "en"), ("the", "en"), ("it's", "en"), ("meeting's", "en"), ("SKB OR soft", "en"), ("\"soft power\" -Moscow", "en"),
    ];

    public async ValueTask InitializeAsync()
    {
        await _sqlite.InitializeAsync();
        await _postgreSql.InitializeAsync();
        foreach (var app in new[] { _sqlite, _postgreSql })
        {
            await SearchCorpus.FillAsync(app);
            foreach (var (language, title, body) in Harder)
            {
                await app.CreatePublishedAsync(Requests.NewRelease(language: language, title: title, body: body, category: "search"));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _sqlite.DisposeAsync();
        await _postgreSql.DisposeAsync();
    }

    [Fact]
    public async Task Every_query_finds_the_same_releases_with_the_same_titles_and_snippets_on_both_databases()
    {
        var differences = new List<string>();
        var answered = 0;
        foreach (var (query, language) in Queries)
        {
            var (onSqlite, sqliteRefusal) = await SearchAsync(_sqlite, query, language);
            var (onPostgreSql, postgreSqlRefusal) = await SearchAsync(_postgreSql, query, language);
            answered += onSqlite.Count > 0 ? 1 : 0;
            if (sqliteRefusal != postgreSqlRefusal)
            {
                differences.Add($"{query} ({language}): refused on SQLite: {sqliteRefusal ?? "no"}; on PostgreSQL: {postgreSqlRefusal ?? "no"}");
            }
            else if (!onSqlite.Order().SequenceEqual(onPostgreSql.Order()))
            {
                differences.Add($"{query} ({language}):\n  SQLite:     {string.Join(" | ", onSqlite.Order())}\n  PostgreSQL: {string.Join(" | ", onPostgreSql.Order())}");
            }
        }

        Assert.True(differences.Count == 0, $"{differences.Count} of {Queries.Length} queries differ:\n{string.Join("\n", differences)}");
        // They must agree on finding releases, not merely on finding nothing.
        Assert.True(answered > Queries.Length * 2 / 3, $"Only {answered} of {Queries.Length} queries found a release.");
    }

    /// <summary>Each hit as the text a client sees (release ids differ between the two databases), or the refusal.</summary>
    private static async Task<(List<string> Hits, string? Refusal)> SearchAsync(TranslationsApp app, string query, string language)
    {
        try
        {
            var hits = await app.As(new TokenClaims("site", "reader")).Releases.SearchReleases(new SearchReleasesRequest
            {
                Query = query, Language = language, Limit = 1000, Filter = new ReleaseFilter { Categories = { "search" } },
                MarkTags = new MarkTags { Open = "[", Close = "]" },
            }, cancellationToken: Ct).ReadAllAsync(Ct);
            return (hits.Select(h => $"{h.Hit.Title.Tagged} / {h.Hit.Snippet.Tagged}").ToList(), null);
        }
        catch (Grpc.Core.RpcException refused)
        {
            return ([], $"{refused.StatusCode}: {string.Join(", ", refused.ViolatedFields())}");
        }
    }
}
