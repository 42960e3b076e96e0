using Upsell.Domain.Outcomes;

namespace Upsell.Domain.Tests;

public class SegmentTests
{
    [Theory]
    [InlineData("mobile.first-time.DE", "mobile")]
    [InlineData("desktop.returning.-", "desktop")]
    [InlineData("-.first-time.-", "-")]
    public void A_segment_reads_back_as_written_and_an_emails_unknown_device_is_a_dash(string text, string device)
    {
        Assert.True(Segment.TryParse(text, out var segment));

        Assert.Equal((text, device), (segment.ToString(), segment.ValueOf("device")));
    }

    [Theory]
    [InlineData("email.first-time.-")]
    [InlineData("-.new.-")]
    [InlineData("-.first-time.de")]
    [InlineData("-.first-time")]
    [InlineData(null)]
    public void Anything_else_is_not_a_segment(string? text) => Assert.False(Segment.TryParse(text, out _));

    [Fact]
    public void A_follow_up_emails_recipient_is_first_time_by_the_orders_before_theirs() =>
        Assert.Equal(("-.first-time.-", "-.returning.-"), (Segment.OfEmail(0).ToString(), Segment.OfEmail(3).ToString()));
}
