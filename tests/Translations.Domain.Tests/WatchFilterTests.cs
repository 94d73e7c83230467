using Translations.Changes;

namespace Translations.Tests;

public sealed class WatchFilterTests
{
    private static ChangeEvent Change(ChangeEventType type = ChangeEventType.VariantSubmitted, string? language = "en", string category = "news") =>
        new(1, "0190a1b2c3d4e5f60718293a4b5c6d7e", category, language, type, 2, DateTimeOffset.UnixEpoch, "olga");

    private static WatchFilter Filter(string[]? languages = null, string[]? categories = null, ChangeEventType[]? types = null) =>
        new(new HashSet<string>(languages ?? []), new HashSet<string>(categories ?? []), new HashSet<ChangeEventType>(types ?? []));

    [Fact]
    public void Empty_filter_matches_every_event()
    {
        Assert.True(WatchFilter.All.Matches(Change()));
        Assert.True(WatchFilter.All.Matches(Change(ChangeEventType.Deleted, language: null, category: "")));
    }

    [Fact]
    public void Languages_match_the_variant_an_event_is_about()
    {
        var english = Filter(languages: ["en"]);

        Assert.True(english.Matches(Change(language: "en")));
        Assert.False(english.Matches(Change(language: "ru")));
        Assert.False(english.Matches(Change(ChangeEventType.Created, language: "ru")));
    }

    [Theory]
    [InlineData(ChangeEventType.MetadataUpdated)]
    [InlineData(ChangeEventType.Deleted)]
    public void Changes_of_the_whole_release_match_every_language_filter(ChangeEventType type)
    {
        Assert.True(Filter(languages: ["en"]).Matches(Change(type, language: null)));
    }

    [Fact]
    public void Categories_match_the_category_recorded_with_the_event_and_empty_means_uncategorised()
    {
        Assert.True(Filter(categories: ["sport", "news"]).Matches(Change(category: "news")));
        Assert.False(Filter(categories: ["sport"]).Matches(Change(category: "news")));
        Assert.True(Filter(categories: [""]).Matches(Change(category: "")));
        Assert.False(Filter(categories: [""]).Matches(Change(category: "news")));
    }

    [Fact]
    public void Types_and_the_other_filters_must_all_match()
    {
        var filter = Filter(languages: ["en"], categories: ["news"], types: [ChangeEventType.VariantPublished]);

        Assert.True(filter.Matches(Change(ChangeEventType.VariantPublished)));
        Assert.False(filter.Matches(Change(ChangeEventType.VariantSubmitted)));
        Assert.False(filter.Matches(Change(ChangeEventType.VariantPublished, category: "sport")));
        Assert.False(filter.Matches(Change(ChangeEventType.VariantPublished, language: "ru")));
    }
}
