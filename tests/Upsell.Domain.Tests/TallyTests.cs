using Upsell.Domain.Offers;
using Upsell.Domain.Outcomes;

namespace Upsell.Domain.Tests;

public class TallyTests
{
    private static readonly DateOnly Day = new(2026, 11, 24);

    public static TheoryData<OutcomeType, bool, bool, Counters> Rules => new()
    {
        // type, visitor already exposed, already accepted, what it adds
        { OutcomeType.Impression, false, false, new Counters { Impressions = 1, Visitors = 1 } },
        { OutcomeType.Impression, true, false, new Counters { Impressions = 1 } },
        { OutcomeType.Click, true, false, new Counters { Clicks = 1 } },
        { OutcomeType.Accept, true, false, new Counters { Accepts = 1, AcceptingVisitors = 1 } },
        { OutcomeType.Accept, true, true, new Counters { Accepts = 1 } },
        { OutcomeType.Decline, true, false, new Counters { Declines = 1 } },
        { OutcomeType.Dismiss, true, false, new Counters { Dismisses = 1 } },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void An_outcome_adds_its_counts_and_uniques_only_once_per_visitor(OutcomeType type, bool exposed, bool accepted, Counters expected)
    {
        var (delta, _) = Tally.Count(new Outcome("e", type, "v", Day), new VisitorStats(exposed, accepted, 0));

        Assert.Equal(expected, delta);
    }

    [Fact]
    public void An_attributed_order_adds_its_revenue_to_the_group_and_the_visitor()
    {
        var (delta, visitor) = Tally.Count(new Outcome("o-1", OutcomeType.Order, "v", Day, 2499), new VisitorStats(true, true, 1000));

        Assert.Equal(new Counters { Orders = 1, RevenueMinor = 2499, CappedRevenueMinor = 2499, CappedRevenueSquares = 3499.0 * 3499 - 1000.0 * 1000 }, delta);
        Assert.Equal(3499, visitor.RevenueMinor);
    }

    [Fact]
    public void One_big_spender_adds_no_more_than_the_cap_to_the_capped_sums()
    {
        var (first, visitor) = Tally.Count(new Outcome("o-1", OutcomeType.Order, "v", Day, 40_000, RevenueCapMinor: 50_000), new VisitorStats(true, true, 0));
        var (second, after) = Tally.Count(new Outcome("o-2", OutcomeType.Order, "v", Day, 900_000, RevenueCapMinor: 50_000), visitor);

        Assert.Equal(940_000, first.RevenueMinor + second.RevenueMinor);
        Assert.Equal(50_000, first.CappedRevenueMinor + second.CappedRevenueMinor);
        Assert.Equal(50_000.0 * 50_000, first.CappedRevenueSquares + second.CappedRevenueSquares);
        Assert.Equal(940_000, after.RevenueMinor);
    }

    [Fact]
    public void A_refund_takes_out_no_more_than_the_visitor_brought_in()
    {
        var (delta, visitor) = Tally.Count(new Outcome("o-1:r-1", OutcomeType.Refund, "v", Day, 5000), new VisitorStats(true, true, 3000));

        Assert.Equal(new Counters { Refunds = 1, RefundedMinor = 3000, RevenueMinor = -3000, CappedRevenueMinor = -3000, CappedRevenueSquares = -9_000_000 }, delta);
        Assert.Equal(0, visitor.RevenueMinor);
    }

    [Fact]
    public void An_exposure_counts_a_visitor_once_and_an_exposed_only_order_needs_it()
    {
        var (unexposedOrder, _) = Tally.Count(new Outcome("o-1", OutcomeType.Order, "v", Day, 5000, ExposedOnly: true), VisitorStats.None);
        var (exposure, visitor) = Tally.Count(new Outcome("cart:s", OutcomeType.Exposure, "v", Day), VisitorStats.None);
        var (again, _) = Tally.Count(new Outcome("cart:s2", OutcomeType.Exposure, "v", Day), visitor);
        var (order, _) = Tally.Count(new Outcome("o-1", OutcomeType.Order, "v", Day, 5000, ExposedOnly: true), visitor);

        Assert.Equal(Counters.Zero, unexposedOrder);
        Assert.Equal(new Counters { Visitors = 1 }, exposure);
        Assert.Equal(Counters.Zero, again);
        Assert.Equal(5000, order.RevenueMinor);
    }

    [Fact]
    public void A_group_partition_names_experiment_phase_variant_moment_offer_and_shard()
    {
        Assert.Equal("cart-sd-card-price|2|control|cart|cam-sd-card|07", new StatsGroup(Moment.Cart, "cart-sd-card-price", 2, "control", "cam-sd-card").PartitionKey(7));
        Assert.Equal("-|-|-|exit-intent|exit-kit|00", new StatsGroup(Moment.ExitIntent, null, null, null, "exit-kit").PartitionKey(0));
    }

    [Fact]
    public void Visitors_spread_over_the_shards_and_each_stays_on_one()
    {
        var shards = Enumerable.Range(0, 16_000).Select(i => StatsGroup.ShardOf($"visitor-{i}", 16)).ToList();

        Assert.All(shards.CountBy(s => s), pair => Assert.InRange(pair.Value, 800, 1200));
        Assert.Equal(StatsGroup.ShardOf("visitor-42", 16), StatsGroup.ShardOf("visitor-42", 16));
    }
}
