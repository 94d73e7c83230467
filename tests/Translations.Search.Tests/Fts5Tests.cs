using Microsoft.Data.Sqlite;

namespace Translations.Search.Tests;

/// <summary>FTS5 on a real SQLite table finds what <see cref="SearchQuery.Matches"/> (PostgreSQL's answer) finds.</summary>
public sealed class Fts5Tests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public Fts5Tests()
    {
        _connection.Open();
        Execute($"CREATE VIRTUAL TABLE texts USING fts5(body, tokenize = \"{Fts5.Tokenizer}\")");
    }

    public void Dispose() => _connection.Dispose();

    private static readonly string[] Texts =
    [
        "Совместные учения ОДКБ прошли в Таджикистане.",
        "Учениями руководил штаб, пресс-релиз опубликован 5 мая 2024 г.",
        "Пресс-служба: релиз пресс-конференции перенесён на 12.05.2026.",
        "В Москве и в Минске прошли консультации государств – членов ОДКБ.",
        "Ёлки и ёлка: учёные из Санкт-Петербурга, COVID-19 и G20.",
        "The CSTO-led exercises were held in Tajikistan; O'Neil and NOT AND OR NEAR.",
        "Информация на сайте odkb-csto.org и по адресу press@odkb-csto.org; цена 3,5 или 3.5.",
        "И в и на и по",
        "",
    ];

    private static readonly string[] Queries =
    [
        "учения", "учениях ОДКБ", "\"учения ОДКБ\"", "\"ОДКБ учения\"", "учения -Таджикистан", "ОДКБ -\"прошли в Таджикистане\"",
        "НАТО OR штаб", "учения НАТО OR релиз", "пресс-релиз", "релиз -пресс-релиз", "\"пресс релиз\"", "пресс-конференции",
        "\"прошли в Таджикистане\"", "\"в Москве и в Минске\"", "ёлка", "учёный OR ученые", "COVID-19", "g20", "12.05.2026",
        "3,5", "3.5", "odkb-csto.org", "press@odkb-csto.org", "exercise", "\"CSTO-led exercises\"", "NEAR", "near OR and", "\"held in Tajikistan\"",
        "O'Neil", "Санкт-Петербург", "5 мая", "-штаб ОДКБ OR -ОДКБ штаб", "консультаций -\"членов ОДКБ\" OR ёлки",
    ];

    [Fact]
    public void The_bundled_SQLite_has_FTS5()
    {
        var version = Version.Parse(Scalar("SELECT sqlite_version()"));

        Assert.True(version >= new Version(3, 20), $"SQLite {version}");   // FTS5 with tokenchars and NOT: 3.9 and later
        Assert.Equal(1L, long.Parse(Scalar("SELECT sqlite_compileoption_used('ENABLE_FTS5')")));
    }

    [Fact]
    public void A_column_holds_the_terms_each_one_token_and_a_stop_word_as_an_underscore()
    {
        Assert.Equal("пресс_2d_релиз пресс релиз учен _ москв", Fts5.IndexText("Пресс-релиз: учения в Москве", "ru"));
        Assert.Equal("press_40_odkb_2d_csto_2e_org _ _ 3_2e_5", Fts5.IndexText("press@odkb-csto.org и в 3.5", "ru"));
    }

    [Fact]
    public void A_query_is_quoted_tokens_joined_by_AND_NOT_and_OR()
    {
        var query = SearchQuery.Parse("учения -НАТО пресс-релиз OR \"в Москве и в Минске\" or", "ru", out _)!;

        Assert.Equal("(\"учен\" AND \"пресс_2d_релиз пресс релиз\" NOT \"нат\") OR (\"москв _ _ минск\")", Fts5.Match(query));
    }

    [Fact]
    public void FTS5_finds_what_the_reference_matcher_finds()
    {
        Index(Texts, "ru");

        foreach (var text in Queries)
        {
            var query = SearchQuery.Parse(text, "ru", out var problem) ?? throw new InvalidOperationException($"{text}: {problem}");
            var expected = Enumerable.Range(0, Texts.Length).Where(i => query.Matches(SearchTerms.Positions(Texts[i], "ru")));

            Assert.True(expected.SequenceEqual(Find(query)), $"{text}: {Fts5.Match(query)}");
        }
        Assert.Contains(0, Find(SearchQuery.Parse("учения", "ru", out _)!));    // not a test passing on empty results
    }

    [Fact]
    public void FTS5_finds_what_the_reference_matcher_finds_in_random_texts()
    {
        string[] words = ["учения", "учениях", "ОДКБ", "в", "и", "Москве", "пресс-релиз", "пресс", "релиз", "the", "exercises", "ёлка", "CSTO-led", "5-го", "3,5", "NOT"];
        var random = new Random(14);
        var texts = Enumerable.Range(0, 300).Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(1, 10)).Select(_ => words[random.Next(words.Length)]))).ToArray();
        Index(texts, "ru");
        var compared = 0;
        for (var n = 0; n < 300; n++)
        {
            var typed = string.Join(' ', Enumerable.Range(0, random.Next(1, 4)).Select(_ => new[] { "", "-", "\"", " OR " }[random.Next(4)] + words[random.Next(words.Length)]));
            // A stop word inside a phrase: FTS5 wants a stop word there, PostgreSQL any word (see the test below).
            if (SearchQuery.Parse(typed, "ru", out _) is not { } query || query.Alternatives.SelectMany(a => a).Any(p => p.Terms.Contains(null)))
            {
                continue;
            }
            compared++;
            var expected = Enumerable.Range(0, texts.Length).Where(i => query.Matches(SearchTerms.Positions(texts[i], "ru")));
            Assert.True(expected.SequenceEqual(Find(query)), $"{typed}: {Fts5.Match(query)}");
        }
        Assert.True(compared > 200, $"{compared}");
    }

    [Fact]
    public void A_stop_word_in_a_phrase_must_be_a_stop_word_on_FTS5_where_PostgreSQL_takes_any_word()
    {
        string[] texts = ["прошли и Таджикистане", "прошли ОДКБ Таджикистане", "прошли Таджикистане"];
        Index(texts, "ru");
        var query = SearchQuery.Parse("\"прошли в Таджикистане\"", "ru", out _)!;

        Assert.Equal([true, true, false], texts.Select(t => query.Matches(SearchTerms.Positions(t, "ru"))));
        Assert.Equal([0], Find(query));
    }

    private void Index(string[] texts, string language)
    {
        Execute("DELETE FROM texts");
        for (var i = 0; i < texts.Length; i++)
        {
            using var insert = _connection.CreateCommand();
            insert.CommandText = "INSERT INTO texts(rowid, body) VALUES ($id, $body)";
            insert.Parameters.AddWithValue("$id", i);
            insert.Parameters.AddWithValue("$body", Fts5.IndexText(texts[i], language));
            insert.ExecuteNonQuery();
        }
    }

    private int[] Find(SearchQuery query)
    {
        using var select = _connection.CreateCommand();
        select.CommandText = "SELECT rowid FROM texts WHERE texts MATCH $match ORDER BY rowid";
        select.Parameters.AddWithValue("$match", Fts5.Match(query));
        using var reader = select.ExecuteReader();
        var found = new List<int>();
        while (reader.Read())
        {
            found.Add(reader.GetInt32(0));
        }
        return found.ToArray();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private string Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar())!;
    }
}
