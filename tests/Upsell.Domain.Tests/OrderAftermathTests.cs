using Upsell.Domain.FollowUps;

namespace Upsell.Domain.Tests;

public class OrderAftermathTests
{
    // lines, refunded (line=amount), cancelled → kept lines, returned lines, skip reason
    [Theory]
    [InlineData(2, "", false, "0,1", "", null)]
    [InlineData(2, "1=1500", false, "0", "1", null)]
    [InlineData(2, "0=1,1=1500", false, "", "0,1", "refunded")]
    [InlineData(1, "0=12900", false, "", "0", "refunded")]
    [InlineData(2, "", true, "0,1", "", "cancelled")]
    [InlineData(2, "1=1500", true, "0", "1", "cancelled")]
    [InlineData(1, "3=100", false, "0", "", null)]
    public void A_follow_up_speaks_only_of_what_was_kept_and_not_at_all_of_an_order_cancelled_or_sent_back_whole(
        int lines, string refunded, bool cancelled, string kept, string returned, string? skip)
    {
        var amounts = refunded.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), p => long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));

        var aftermath = OrderAftermath.Of(lines, amounts, cancelled);

        Assert.Equal((kept, returned, skip), (string.Join(',', aftermath.KeptLines), string.Join(',', aftermath.ReturnedLines), aftermath.SkipReason));
    }
}
