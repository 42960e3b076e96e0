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
        var delta = Tally.Count(new Outcome("e", type, "v", Day), new VisitorStats(exposed, accepted, 0)).Total;

        Assert.Equal(expected, delta);
    }

    [Fact]
    public void An_attributed_order_adds_its_revenue_to_the_group_and_the_visitor()
    {
        var (days, visitor) = Tally.Count(new Outcome("o-1", OutcomeType.Order, "v", Day, 2499), new VisitorStats(true, true, 1000));
        var delta = Assert.Single(days).Value;

        Assert.Equal(new Counters { Orders = 1, RevenueMinor = 2499, CappedRevenueMinor = 2499, CappedRevenueSquares = 3499.0 * 3499 - 1000.0 * 1000 }, delta);
        Assert.Equal(3499, visitor.RevenueMinor);
    }

    [Fact]
    public void One_big_spender_adds_no_more_than_the_cap_to_the_capped_sums()
    {
        var (firstDays, visitor) = Tally.Count(new Outcome("o-1", OutcomeType.Order, "v", Day, 40_000, RevenueCapMinor: 50_000), new VisitorStats(true, true, 0));
        var (secondDays, after) = Tally.Count(new Outcome("o-2", OutcomeType.Order, "v", Day, 900_000, RevenueCapMinor: 50_000), visitor);
        var (first, second) = (firstDays[Day], secondDays[Day]);

        Assert.Equal(940_000, first.RevenueMinor + second.RevenueMinor);
        Assert.Equal(50_000, first.CappedRevenueMinor + second.CappedRevenueMinor);
        Assert.Equal(50_000.0 * 50_000, first.CappedRevenueSquares + second.CappedRevenueSquares);
        Assert.Equal(940_000, after.RevenueMinor);
    }

    [Fact]
    public void A_refund_larger_than_the_revenue_counted_so_far_waits_for_its_order()
    {
        var (early, held) = Tally.Count(new Outcome("o-1:r-1", OutcomeType.Refund, "v", Day.AddDays(1), 3000), new VisitorStats(true, true, 1000));
        var (released, visitor) = Tally.Count(new Outcome("o-1", OutcomeType.Order, "v", Day, 5000), held);

        Assert.Empty(early);
        Assert.Equal("o-1:r-1", Assert.Single(held.Held).Id);
        Assert.Equal(new Counters { Orders = 1, RevenueMinor = 5000, CappedRevenueMinor = 5000, CappedRevenueSquares = 6000.0 * 6000 - 1000.0 * 1000 }, released[Day]);
        Assert.Equal(new Counters { Refunds = 1, RefundedMinor = 3000, RevenueMinor = -3000, CappedRevenueMinor = -3000, CappedRevenueSquares = 3000.0 * 3000 - 6000.0 * 6000 }, released[Day.AddDays(1)]);
        Assert.Equal((3000, 0), (visitor.RevenueMinor, visitor.Held.Count));
    }

    [Fact]
    public void An_exposure_counts_a_visitor_once_and_an_exposed_only_order_needs_it()
    {
        var unexposedOrder = Tally.Count(new Outcome("o-1", OutcomeType.Order, "v", Day, 5000, ExposedOnly: true), VisitorStats.None).Total;
        var (exposure, visitor) = Tally.Count(new Outcome("cart:s", OutcomeType.Exposure, "v", Day), VisitorStats.None);
        var again = Tally.Count(new Outcome("cart:s2", OutcomeType.Exposure, "v", Day), visitor).Total;
        var order = Tally.Count(new Outcome("o-1", OutcomeType.Order, "v", Day, 5000, ExposedOnly: true), visitor).Total;

        Assert.Equal(Counters.Zero, unexposedOrder);
        Assert.Equal(new Counters { Visitors = 1 }, exposure[Day]);
        Assert.Equal(Counters.Zero, again);
        Assert.Equal(5000, order.RevenueMinor);
    }

    [Fact]
    public void An_order_recorded_before_its_exposure_is_held_and_counted_on_its_own_day_when_the_exposure_comes()
    {
        var (early, held) = Tally.Count(new Outcome("o-1", OutcomeType.Order, "v", Day.AddDays(1), 5000, ExposedOnly: true), VisitorStats.None);
        var (exposure, visitor) = Tally.Count(new Outcome("cart:s", OutcomeType.Exposure, "v", Day), held);

        Assert.Empty(early);
        Assert.Single(held.Held);
        Assert.Equal(new Counters { Visitors = 1 }, exposure[Day]);
        Assert.Equal(new Counters { Orders = 1, RevenueMinor = 5000, CappedRevenueMinor = 5000, CappedRevenueSquares = 25_000_000 }, exposure[Day.AddDays(1)]);
        Assert.Empty(visitor.Held);
    }

    [Fact]
    public void A_visitor_counts_as_a_unique_on_the_earliest_day_recorded_even_when_it_arrives_last()
    {
        var (_, later) = Tally.Count(new Outcome("e-2", OutcomeType.Impression, "v", Day.AddDays(2)), VisitorStats.None);
        var (moved, visitor) = Tally.Count(new Outcome("e-1", OutcomeType.Impression, "v", Day), later);

        Assert.Equal(new Counters { Visitors = -1 }, moved[Day.AddDays(2)]);
        Assert.Equal(new Counters { Impressions = 1, Visitors = 1 }, moved[Day]);
        Assert.Equal(Day, visitor.SeenOn);
    }

    [Fact]
    public void A_visitor_holds_no_more_than_its_limit()
    {
        var visitor = VisitorStats.None;
        for (var i = 0; i < Tally.MaxHeld + 5; i++)
        {
            visitor = Tally.Count(new Outcome($"o-{i}", OutcomeType.Order, "v", Day, 100, ExposedOnly: true), visitor).Visitor;
        }

        Assert.Equal(Tally.MaxHeld, visitor.Held.Count);
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

    [Fact]
    public void An_exposed_only_accept_waits_for_the_impression_and_counts_once_as_early()
    {
        var day = new DateOnly(2026, 11, 24);
        var accept = Tally.Count(new Outcome("d:o:accept", OutcomeType.Accept, "v-1", day, ExposedOnly: true), VisitorStats.None);
        var shown = Tally.Count(new Outcome("d:o:impression", OutcomeType.Impression, "v-1", day), accept.Visitor);

        Assert.Equal((0L, 1L), (accept.Days[day].Accepts, accept.Days[day].EarlyAccepts));
        Assert.Equal((1L, 1L, 1L, 0L), (shown.Days[day].Impressions, shown.Days[day].Accepts, shown.Days[day].AcceptingVisitors, shown.Days[day].EarlyAccepts));
        Assert.Empty(shown.Visitor.Held);
    }
}
