using Upsell.Domain.FollowUps;

namespace Upsell.Domain.Tests;

public class FollowUpWindowTests
{
    [Fact]
    public void The_window_opens_a_day_after_the_order_and_closes_three_days_after_it()
    {
        var placed = new DateTimeOffset(2026, 11, 24, 18, 30, 0, TimeSpan.FromHours(1));

        var window = new FollowUpOptions().WindowFor(placed);

        Assert.Equal((placed.AddHours(24), placed.AddHours(72)), (window.DueAt, window.ExpiresAt));
    }

    [Fact]
    public void A_window_that_closes_before_it_opens_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FollowUpWindow.After(DateTimeOffset.UnixEpoch, TimeSpan.FromHours(24), TimeSpan.FromHours(24)));
}
