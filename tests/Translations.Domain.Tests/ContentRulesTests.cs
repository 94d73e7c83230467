using Translations.Validation;

namespace Translations.Tests;

public sealed class ContentRulesTests
{
    private readonly ContentRules _rules = new(new ContentLimits());

    [Fact]
    public void Text_is_normalised_to_nfc_and_trimmed_but_inner_white_space_is_kept()
    {
        var violations = new Violations();

        var body = _rules.Body(" \n e\u0301te\t\n\n  second\tparagraph \n", "body", violations);

        Assert.False(violations.Any);
        Assert.Equal("\u00e9te\t\n\n  second\tparagraph", body);
    }

    [Theory]
    [InlineData("\u0000")]
    [InlineData("\r")]
    [InlineData("\u001b")]
    [InlineData("\u007f")]
    [InlineData("\u0085")]
    public void Control_characters_other_than_newline_and_tab_are_rejected(string control)
    {
        var violations = new Violations();

        _rules.Body($"before{control}after", "body", violations);

        var error = Assert.Throws<InvalidInputException>(violations.ThrowIfAny);
        Assert.Equal("body", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Lengths_count_characters_not_utf16_units()
    {
        var violations = new Violations();
        var limits = new ContentLimits { MaxTitleLength = 3 };

        new ContentRules(limits).Title("😀😀😀", "title", violations);
        Assert.False(violations.Any);

        new ContentRules(limits).Title("😀😀😀😀", "title", violations);
        Assert.True(violations.Any);
    }

    [Fact]
    public void Title_must_be_one_non_empty_line()
    {
        var violations = new Violations();

        _rules.Title("   ", "empty", violations);
        _rules.Title("one\ntwo", "two-lines", violations);

        var error = Assert.Throws<InvalidInputException>(violations.ThrowIfAny);
        Assert.Equal(["empty", "two-lines"], error.Violations.Select(v => v.Field));
    }

    [Fact]
    public void Lead_may_be_empty_and_body_may_not()
    {
        var violations = new Violations();

        Assert.Equal("", _rules.Lead("", "lead", violations));
        Assert.False(violations.Any);
        _rules.Body(" \n ", "body", violations);
        Assert.True(violations.Any);
    }

    [Theory]
    [InlineData("summit-2024", true)]
    [InlineData("a", true)]
    [InlineData("Summit", false)]
    [InlineData("summit 2024", false)]
    [InlineData("саммит", false)]
    public void Slugs_are_lower_case_letters_digits_and_hyphens(string slug, bool valid)
    {
        var violations = new Violations();

        ContentRules.Slug(slug, "slug", violations);

        Assert.Equal(!valid, violations.Any);
    }

    [Fact]
    public void Slug_longer_than_120_is_rejected_and_empty_means_none()
    {
        var violations = new Violations();

        Assert.Null(ContentRules.Slug("", "slug", violations));
        Assert.False(violations.Any);
        ContentRules.Slug(new string('a', 121), "slug", violations);
        Assert.True(violations.Any);
    }

    [Fact]
    public void Tags_are_deduplicated_in_order_and_limited_in_number()
    {
        var violations = new Violations();

        var tags = _rules.Tags(["b", " a ", "b", "c"], "tags", violations);
        Assert.Equal(["b", "a", "c"], tags);
        Assert.False(violations.Any);

        _rules.Tags(Enumerable.Range(0, 21).Select(i => $"t{i}"), "tags", violations);
        var error = Assert.Throws<InvalidInputException>(violations.ThrowIfAny);
        Assert.Equal("tags", Assert.Single(error.Violations).Field);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("retry-1f4c", true)]
    [InlineData("with space", false)]
    [InlineData("тест", false)]
    public void Request_ids_are_printable_ascii(string requestId, bool valid)
    {
        var violations = new Violations();

        ContentRules.RequestId(requestId, "request_id", violations);

        Assert.Equal(!valid, violations.Any);
    }
}
