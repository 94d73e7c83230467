using Google.Protobuf.WellKnownTypes;
using Translations.Workbench.Releases;

namespace Translations.Workbench.Tests.App;

/// <summary>"Publish at": the instant the browser made of the local time typed, checked before it is sent.</summary>
public sealed class PublishScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_future_instant_is_the_publish_time_in_utc()
    {
        // 09:00 in Moscow (UTC+3) on 2 December, as the browser gives it.
        var publishTime = PublishSchedule.Read("2026-12-02T06:00:00.000Z", Now, ReleaseText.English, out var problem);

        Assert.Null(problem);
        Assert.Equal(Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 2, 6, 0, 0, TimeSpan.Zero)), publishTime);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a time")]
    public void Nothing_usable_typed_asks_for_a_time(string? utc)
    {
        Assert.Null(PublishSchedule.Read(utc, Now, ReleaseText.English, out var problem));
        Assert.Equal(ReleaseText.English.PublishAtRequired, problem);
    }

    [Fact]
    public void A_time_already_past_is_refused_rather_than_published_at_once()
    {
        Assert.Null(PublishSchedule.Read("2026-11-29T11:59:00Z", Now, ReleaseText.Russian, out var problem));
        Assert.Equal(ReleaseText.Russian.PublishAtPast, problem);
    }
}
