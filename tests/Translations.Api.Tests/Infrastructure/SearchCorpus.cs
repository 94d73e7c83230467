using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests.Infrastructure;

/// <summary>
/// Releases written for the search tests, in Russian and English: inflected forms, ё and е, upper and lower
/// case, «» and "" quotes, hyphenated words, abbreviations, numbers and dates. Each is published unless its
/// name says otherwise; <see cref="Names"/> maps ids back to the names the tests use.
/// </summary>
public sealed class SearchCorpus
{
    private static readonly TokenClaims Translator = new("search-translator", ["translator"], ["en", "ru"]);

    private readonly Dictionary<string, string> _ids = [];

    public string this[string name] => _ids[name];

    public IReadOnlyDictionary<string, string> Names => _ids.ToDictionary(p => p.Value, p => p.Key);

    public static readonly (string Name, string Language, string Title, string Lead, string Body, bool Published)[] Texts =
    [
        ("csto-drills", "ru", "Учения ОДКБ пройдут в Таджикистане",
            "Совместные учения «Взаимодействие-2026» начнутся 12.05.2026.",
            "В учениях участвуют 5 тысяч военнослужащих стран ОДКБ. Командование учений сообщило о готовности.\n\n" +
            "Пресс-релиз подготовлен пресс-службой Объединённого штаба.", true),
        ("new-year-tree", "ru", "Новогодняя ёлка в Кремле",
            "",
            "Главная елка страны зажжётся 25 декабря. На праздник пригласили детей из СКБ «Вектор» и школ Москвы.", true),
        ("diplomats-forum", "ru", "Форум молодых дипломатов",
            "Молодые дипломаты собрались в Москве.",
            "Участники форума обсудили учение о «мягкой силе» и роль \"публичной дипломатии\". Следующий форум пройдёт в 2027 году.", true),
        ("secret-plans", "ru", "Планы учений ОДКБ на следующий год",
            "",
            "Черновик: учения в Таджикистане повторят. Не для публикации.", false),
        ("csto-exercise", "en", "CSTO-led exercise opens in Tajikistan",
            "Joint exercises start on 12 May 2026.",
            "The drills involve 5,000 troops from CSTO member states.\n\nThis press release was prepared by the press office of the Joint Staff.", true),
        ("tree-lighting", "en", "New Year tree lit in the Kremlin",
            "",
            "The country's main tree was lit on December 25. Children from the SKB \"Vector\" design bureau attended.", true),
        ("diplomacy-school", "en", "Exercising diplomacy",
            "",
            "Young diplomats met in Moscow to discuss soft power and public diplomacy.", true),
    ];

    /// <summary>Creates the releases through the public calls (a fresh copy of each, so several tests may fill one host).</summary>
    public static async Task<SearchCorpus> FillAsync(TranslationsApp app, string category = "search")
    {
        var corpus = new SearchCorpus();
        foreach (var (name, language, title, lead, body, published) in Texts)
        {
            var request = Requests.NewRelease(language: language, title: title, lead: lead, body: body, category: category,
                date: Requests.Date(2026, 5, 1 + corpus._ids.Count));
            var created = published ? await app.CreatePublishedAsync(request) : await app.CreateAsync(request);
            corpus._ids[name] = created.Id;
        }
        return corpus;
    }

    /// <summary>The names of the releases a search finds, in the order found.</summary>
    public IReadOnlyList<string> NamesOf(IEnumerable<SearchReleasesResponse> hits) =>
        hits.Select(h => Names.TryGetValue(h.Hit.ReleaseId, out var name) ? name : h.Hit.ReleaseId).ToList();
}
