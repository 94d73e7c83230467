using Translations.Releases;

namespace Translations.Tests;

public sealed class ReleaseCursorTests
{
    [Theory]
    [InlineData(ReleaseOrder.ReleaseDateAscending)]
    [InlineData(ReleaseOrder.ReleaseDateDescending)]
    public void Cursor_round_trips_through_its_url_safe_text(ReleaseOrder order)
    {
        var cursor = new ReleaseCursor(order, new DateOnly(2020, 12, 2), ReleaseId.New());

        var text = cursor.Encode();

        Assert.Matches("^[A-Za-z0-9_-]+$", text);
        Assert.True(ReleaseCursor.TryDecode(text, out var decoded));
        Assert.Equal(cursor, decoded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor")]
    [InlineData("YzF8ZHwyMDI0LTAyLTMwfDAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVm")]   // 2024-02-30
    [InlineData("YzF8eHwyMDI0LTAyLTI4fDAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVm")]   // unknown order "x"
    [InlineData("YzF8ZHwyMDI0LTAyLTI4fCcgT1IgMT0x")]                                   // id "' OR 1=1"
    public void Garbage_is_not_a_cursor(string text)
    {
        Assert.False(ReleaseCursor.TryDecode(text, out _));
    }
}
