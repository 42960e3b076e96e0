using Upsell.Domain.Outcomes;

namespace Upsell.Domain.Tests;

/// <summary>The counters are a function of what was recorded, not of the order it arrived in.</summary>
public class ArrivalOrderTests
{
    private static readonly DateOnly Day = new(2026, 11, 24);

    public static TheoryData<string> Stories => new() { "offer group", "holdout view" };

    [Theory]
    [MemberData(nameof(Stories))]
    public void Every_order_of_arrival_gives_the_same_counters_per_day_and_the_same_visitor(string story)
    {
        var outcomes = Story(story);
        var expected = Replay(outcomes);

        foreach (var permutation in Permutations(outcomes))
        {
            var actual = Replay(permutation);
            Assert.Equal(expected.Days, actual.Days);
            Assert.Equal(expected.Visitor, actual.Visitor);
        }

        Assert.Empty(expected.Visitor.Held);
    }

    [Fact]
    public void The_counters_match_the_order_the_shopper_lived()
    {
        var (days, visitor) = Replay(Story("holdout view"));

        Assert.Equal(new Counters { Visitors = 1 }, days[Day]);
        Assert.Equal(1, days[Day.AddDays(1)].Orders);
        Assert.Equal(1, days[Day.AddDays(2)].Refunds);
        Assert.Equal(92_398 - 2_499, visitor.RevenueMinor);
    }

    [Fact]
    public void Every_order_of_arrival_gives_the_same_cart_value_sums_and_per_day_all_but_where_revenue_came_before_exposure()
    {
        var outcomes = Story("cart values");
        var expected = Replay(outcomes);

        foreach (var permutation in Permutations(outcomes))
        {
            var actual = Replay(permutation);
            Assert.Equal(expected.Visitor, actual.Visitor);
            Assert.Equal(Total(expected.Days), Total(actual.Days));
            // The product of cart value and revenue counts on the revenue's day, or on the exposure's when the revenue
            // was recorded first; everything else per day as always.
            Assert.Equal(expected.Days.ToDictionary(d => d.Key, d => d.Value with { CovariateProducts = 0 }), actual.Days.ToDictionary(d => d.Key, d => d.Value with { CovariateProducts = 0 }));
        }
    }

    [Fact]
    public void A_visitor_keeps_the_cart_value_of_their_first_exposure_and_its_sums_follow_their_revenue()
    {
        var (days, visitor) = Replay(Story("cart values"));

        // The first day's exposures knew 4,000 and 3,500: the smaller is the cart before any accepted offer.
        Assert.Equal((3_500L, Day), (visitor.Covariate!.Value, visitor.CovariateOn!.Value));
        var total = Total(days);
        Assert.Equal(3_500, total.CovariateSum);
        Assert.Equal(3_500.0 * 3_500, total.CovariateSquares);
        // Revenue 51,000 (50,000 after the cap) less a 2,499 refund is 48,501, under the cap.
        Assert.Equal(3_500.0 * 48_501, total.CovariateProducts);
    }

    [Fact]
    public void Every_order_of_arrival_keeps_the_earlier_orders_of_the_exposure_whose_cart_value_is_kept()
    {
        var outcomes = Story("cart values and earlier orders");
        var (days, visitor) = Replay(outcomes);

        // Two exposures on the first day knew a 3,500 cart: the one that knew fewer earlier orders is kept with it.
        Assert.Equal((3_500L, 1L, Day), (visitor.Covariate!.Value, visitor.EarlierOrders!.Value, visitor.CovariateOn!.Value));
        var total = Total(days);
        Assert.Equal((1L, 1.0, 48_501.0, 3_500.0), (total.EarlierOrdersSum, total.EarlierOrdersSquares, total.EarlierOrdersProducts, total.CovariateCross));
        foreach (var permutation in Permutations(outcomes))
        {
            var actual = Replay(permutation);
            Assert.Equal(visitor, actual.Visitor);
            Assert.Equal(total, Total(actual.Days));
        }
    }

    // One visitor: seen on two days, accepts, orders, is refunded part of it; in the holdout view the order and the
    // refund count only once the visitor is exposed. With cart values, each exposure knew the cart's value then.
    private static List<Outcome> Story(string story)
    {
        if (story == "cart values and earlier orders")
        {
            return
            [
                new("seen-1", OutcomeType.Impression, "v", Day, RevenueCapMinor: 50_000, Covariate: 4_000, EarlierOrders: 0),
                new("seen-2", OutcomeType.Impression, "v", Day, RevenueCapMinor: 50_000, Covariate: 3_500, EarlierOrders: 3),
                new("seen-2b", OutcomeType.Impression, "v", Day, RevenueCapMinor: 50_000, Covariate: 3_500, EarlierOrders: 1),
                new("seen-3", OutcomeType.Impression, "v", Day.AddDays(1), RevenueCapMinor: 50_000, Covariate: 1_000, EarlierOrders: 0),
                new("o-1", OutcomeType.Order, "v", Day.AddDays(1), 51_000, 50_000),
                new("o-1:r-1", OutcomeType.Refund, "v", Day.AddDays(2), 2_499, 50_000),
            ];
        }

        if (story == "cart values")
        {
            return
            [
                new("seen-1", OutcomeType.Impression, "v", Day, RevenueCapMinor: 50_000, Covariate: 4_000),
                new("seen-2", OutcomeType.Impression, "v", Day, RevenueCapMinor: 50_000, Covariate: 3_500),
                new("seen-3", OutcomeType.Impression, "v", Day.AddDays(1), RevenueCapMinor: 50_000, Covariate: 1_000),
                new("o-1", OutcomeType.Order, "v", Day.AddDays(1), 51_000, 50_000),
                new("o-1:r-1", OutcomeType.Refund, "v", Day.AddDays(2), 2_499, 50_000),
            ];
        }

        var exposedOnly = story == "holdout view";
        var seen = exposedOnly ? OutcomeType.Exposure : OutcomeType.Impression;
        List<Outcome> outcomes =
        [
            new("seen-1", seen, "v", Day),
            new("seen-2", seen, "v", Day.AddDays(1)),
            new("o-1", OutcomeType.Order, "v", Day.AddDays(1), 92_398, 50_000, exposedOnly),
            new("o-1:r-1", OutcomeType.Refund, "v", Day.AddDays(2), 2_499, 50_000, exposedOnly),
        ];
        if (!exposedOnly)
        {
            outcomes.Add(new("accept-1", OutcomeType.Accept, "v", Day.AddDays(1)));
            outcomes.Add(new("click-1", OutcomeType.Click, "v", Day));
        }

        return outcomes;
    }

    private static (Dictionary<DateOnly, Counters> Days, VisitorStats Visitor) Replay(IEnumerable<Outcome> outcomes)
    {
        var days = new Dictionary<DateOnly, Counters>();
        var visitor = VisitorStats.None;
        foreach (var outcome in outcomes)
        {
            var tallied = Tally.Count(outcome, visitor);
            foreach (var (day, delta) in tallied.Days)
            {
                days[day] = days.TryGetValue(day, out var sum) ? sum.Plus(delta) : delta;
            }

            visitor = tallied.Visitor;
        }

        return (days.Where(d => d.Value != Counters.Zero).ToDictionary(), visitor);
    }

    private static Counters Total(Dictionary<DateOnly, Counters> days) => days.Values.Aggregate(Counters.Zero, (sum, day) => sum.Plus(day));

    private static IEnumerable<List<Outcome>> Permutations(List<Outcome> items) => items.Count <= 1
        ? [items]
        : items.SelectMany((item, i) => Permutations([.. items.Where((_, j) => j != i)]).Select(rest => (List<Outcome>)[item, .. rest]));
}
