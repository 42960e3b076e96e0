using Upsell.Domain.FollowUps;

namespace Upsell.Domain.Tests;

public class QuietHoursTests
{
    private static readonly QuietHours Night = new(new TimeOnly(21, 0), new TimeOnly(8, 0));

    public static TheoryData<string, string, string> Cases => new()
    {
        // zone, instant (UTC), earliest allowed instant (UTC)
        { "Europe/Berlin", "2026-11-25T12:00:00Z", "2026-11-25T12:00:00Z" },  // 13:00 local: not quiet
        { "Europe/Berlin", "2026-11-25T19:59:00Z", "2026-11-25T19:59:00Z" },  // 20:59 local
        { "Europe/Berlin", "2026-11-25T20:00:00Z", "2026-11-26T07:00:00Z" },  // 21:00 local: until 08:00 CET the next day
        { "Europe/Berlin", "2026-11-26T05:30:00Z", "2026-11-26T07:00:00Z" },  // 06:30 local: until 08:00 the same day
        { "Europe/Berlin", "2026-11-26T07:00:00Z", "2026-11-26T07:00:00Z" },  // 08:00 local: the quiet hours are over
        { "America/New_York", "2026-11-26T03:00:00Z", "2026-11-26T13:00:00Z" },  // 22:00 EST: until 08:00 EST
        { "Asia/Tokyo", "2026-11-25T13:00:00Z", "2026-11-25T23:00:00Z" },  // 22:00 JST: until 08:00 JST
        // Spring forward (Berlin, 28 March 2027, 02:00 -> 03:00): 08:00 is CEST that morning, 06:00 UTC, not 07:00.
        { "Europe/Berlin", "2027-03-27T21:30:00Z", "2027-03-28T06:00:00Z" },
        // Fall back (Berlin, 31 October 2027, 03:00 -> 02:00): 08:00 is CET again, 07:00 UTC, not 06:00.
        { "Europe/Berlin", "2027-10-30T20:00:00Z", "2027-10-31T07:00:00Z" },
        // New York springs forward on 14 March 2027: 08:00 EDT is 12:00 UTC.
        { "America/New_York", "2027-03-14T03:30:00Z", "2027-03-14T12:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void NextAllowed_moves_an_instant_out_of_the_recipients_local_quiet_hours(string zone, string instant, string expected) =>
        Assert.Equal(At(expected), Night.NextAllowed(At(instant), TimeZoneInfo.FindSystemTimeZoneById(zone)));

    [Fact]
    public void NextAllowed_moves_an_end_inside_the_spring_forward_gap_to_when_the_clock_shows_it()
    {
        var quiet = new QuietHours(new TimeOnly(0, 0), new TimeOnly(2, 30));
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        // 02:30 does not exist on 28 March 2027 in Berlin; 03:00 CEST (01:00 UTC) is the first time after it.
        Assert.Equal(At("2027-03-28T01:00:00Z"), quiet.NextAllowed(At("2027-03-27T23:30:00Z"), berlin));
    }

    [Theory]
    [InlineData("12:00", "14:00", "12:00", true)]
    [InlineData("12:00", "14:00", "14:00", false)]
    [InlineData("21:00", "08:00", "23:59", true)]
    [InlineData("21:00", "08:00", "00:00", true)]
    [InlineData("21:00", "08:00", "08:00", false)]
    [InlineData("08:00", "08:00", "08:00", false)]
    public void Contains_handles_daytime_overnight_and_empty_windows(string start, string end, string time, bool quiet)
    {
        Assert.True(QuietHours.TryParse(start, end, out var hours));

        Assert.Equal(quiet, hours.Contains(TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("9pm", "08:00")]
    [InlineData("21:00", "24:00")]
    [InlineData("", "08:00")]
    public void TryParse_refuses_what_is_not_a_time_of_day(string start, string end) =>
        Assert.False(QuietHours.TryParse(start, end, out _));
}
