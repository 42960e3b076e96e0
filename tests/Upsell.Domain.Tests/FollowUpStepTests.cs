using Upsell.Domain.FollowUps;

namespace Upsell.Domain.Tests;

public class FollowUpStepTests
{
    private static readonly QuietHours Night = new(new TimeOnly(21, 0), new TimeOnly(8, 0));
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;
    private static readonly DateTimeOffset Placed = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly FollowUpWindow Window = new FollowUpOptions().WindowFor(Placed);

    [Fact]
    public void Before_the_window_opens_it_waits_until_it_does()
    {
        var step = FollowUpStep.Next(Window, null, Placed.AddHours(23), Night, Utc);

        Assert.Equal(new FollowUpStep(FollowUpAction.Wait, Placed.AddHours(24)), step);
    }

    [Fact]
    public void Inside_the_window_and_outside_quiet_hours_it_sends()
    {
        var now = Placed.AddHours(30);

        Assert.Equal(new FollowUpStep(FollowUpAction.Send, now), FollowUpStep.Next(Window, null, now, Night, Utc));
    }

    [Fact]
    public void Inside_quiet_hours_it_waits_for_the_morning()
    {
        var now = Placed.AddHours(34); // 22:00 UTC

        Assert.Equal(new FollowUpStep(FollowUpAction.Wait, Placed.AddHours(44)), FollowUpStep.Next(Window, null, now, Night, Utc));
    }

    [Fact]
    public void A_retry_time_holds_it_back()
    {
        var now = Placed.AddHours(30);

        Assert.Equal(new FollowUpStep(FollowUpAction.Wait, now.AddMinutes(15)), FollowUpStep.Next(Window, now.AddMinutes(15), now, Night, Utc));
    }

    [Fact]
    public void Once_the_window_has_closed_it_expires_and_is_never_sent_late() =>
        Assert.Equal(FollowUpAction.Expire, FollowUpStep.Next(Window, null, Placed.AddHours(72), Night, Utc).Action);

    [Fact]
    public void When_the_rest_of_the_window_is_quiet_hours_it_expires_now()
    {
        // The window closes at 22:00; at 21:30 the quiet hours last past it.
        var window = new FollowUpWindow(Placed, Placed.AddHours(10));

        Assert.Equal(FollowUpAction.Expire, FollowUpStep.Next(window, null, Placed.AddHours(9.5), Night, Utc).Action);
    }
}
