namespace Translations.Benchmarks;

/// <summary>
/// The bodies of the seeded variants: one sentence of a press release whose city, topic and kind of event
/// vary with the release's number, in Russian and in the same words in English. Each city is in 1 release
/// in 11, each topic in 1 in 13, each kind of event in 1 in 7, independently, so a search for two of them
/// finds about 1 release in 143, 91 or 77 (0.7-1.3%), a realistic share, not none and not all.
/// </summary>
internal static class SeedText
{
    /// <summary>Where: Russian after "в" (prepositional), Russian as typed in a query (nominative), English.</summary>
    private static readonly (string In, string Typed, string English)[] Cities =
    [
        ("Москве", "Москва", "Moscow"), ("Казани", "Казань", "Kazan"), ("Новосибирске", "Новосибирск", "Novosibirsk"),
        ("Екатеринбурге", "Екатеринбург", "Yekaterinburg"), ("Самаре", "Самара", "Samara"), ("Владивостоке", "Владивосток", "Vladivostok"),
        ("Калининграде", "Калининград", "Kaliningrad"), ("Томске", "Томск", "Tomsk"), ("Иркутске", "Иркутск", "Irkutsk"),
        ("Мурманске", "Мурманск", "Murmansk"), ("Ярославле", "Ярославль", "Yaroslavl"),
    ];

    /// <summary>What about: Russian after "по вопросам" (genitive), Russian as typed (nominative), English.</summary>
    private static readonly (string Of, string Typed, string English)[] Topics =
    [
        ("образования", "образование", "education"), ("энергетики", "энергетика", "energy"), ("здравоохранения", "здравоохранение", "healthcare"),
        ("транспорта", "транспорт", "transport"), ("экологии", "экология", "ecology"), ("культуры", "культура", "culture"),
        ("туризма", "туризм", "tourism"), ("торговли", "торговля", "trade"), ("безопасности", "безопасность", "security"),
        ("науки", "наука", "science"), ("спорта", "спорт", "sport"), ("связи", "связь", "communications"), ("финансов", "финансы", "finance"),
    ];

    /// <summary>What took place: Russian (plural, as in the text), Russian as typed, English.</summary>
    private static readonly (string Held, string Typed, string English)[] Events =
    [
        ("консультации", "консультация", "consultations"), ("переговоры", "переговоры", "talks"), ("учения", "учениях", "exercises"),
        ("совещания", "совещание", "meetings"), ("слушания", "слушания", "hearings"), ("семинары", "семинар", "seminars"),
        ("конференции", "конференция", "conferences"),
    ];

    private static int City(int release) => release % Cities.Length;
    private static int Topic(int release) => release / Cities.Length % Topics.Length;
    private static int Event(int release) => release % Events.Length;

    /// <summary>The Russian (source) and the English body of seeded release <paramref name="release"/>.</summary>
    public static (string Russian, string English) Bodies(int release)
    {
        var (city, topic, held) = (Cities[City(release)], Topics[Topic(release)], Events[Event(release)]);
        return (
            $"Первый абзац релиза {release}: 24 апреля 2024 года в {city.In} состоялись {held.Held} по вопросам {topic.Of} с участием государств – членов организации.\n\n" +
            "Второй абзац с подробностями, цитатами и контактами пресс-службы.",
            $"First paragraph of release {release}: on 24 April 2024 {held.English} on {topic.English} with the member states of the organisation took place in {city.English}.\n\n" +
            "Second paragraph with details, quotes and press office contacts.");
    }

    /// <summary>A two-word query as a reader types it, in one language, and how many of the first <c>releases</c> seeded releases hold both words.</summary>
    public sealed record Query(string Language, string Text, Func<int, bool> Matches)
    {
        public int ExpectedHits(int releases) => Enumerable.Range(0, releases).Count(Matches);
    }

    /// <summary>
    /// Four pairs, each asked in Russian (in other inflected forms than the text's, as people type) and in English:
    /// a city and a topic (1 in 143), a kind of event and a city (1 in 77), a kind of event and a topic (1 in 91).
    /// </summary>
    public static IReadOnlyList<Query> Queries { get; } = Pairs().SelectMany(p => new[]
    {
        new Query("ru", p.Russian, p.Matches),
        new Query("en", p.English, p.Matches),
    }).ToArray();

    private static IEnumerable<(string Russian, string English, Func<int, bool> Matches)> Pairs()
    {
        (string, string, Func<int, bool>) CityTopic(int c, int t) =>
            ($"{Cities[c].Typed} {Topics[t].Typed}", $"{Cities[c].English} {Topics[t].English}", r => City(r) == c && Topic(r) == t);
        (string, string, Func<int, bool>) EventCity(int e, int c) =>
            ($"{Events[e].Typed} {Cities[c].Typed}", $"{Events[e].English} {Cities[c].English}", r => Event(r) == e && City(r) == c);
        (string, string, Func<int, bool>) EventTopic(int e, int t) =>
            ($"{Events[e].Typed} {Topics[t].Typed}", $"{Events[e].English} {Topics[t].English}", r => Event(r) == e && Topic(r) == t);
        yield return CityTopic(1, 0);
        yield return EventCity(2, 5);
        yield return CityTopic(7, 8);
        yield return EventTopic(1, 1);
    }
}
