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

    // One visitor: seen on two days, accepts, orders, is refunded part of it; in the holdout view the order and the
    // refund count only once the visitor is exposed.
    private static List<Outcome> Story(string story)
    {
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

    private static IEnumerable<List<Outcome>> Permutations(List<Outcome> items) => items.Count <= 1
        ? [items]
        : items.SelectMany((item, i) => Permutations([.. items.Where((_, j) => j != i)]).Select(rest => (List<Outcome>)[item, .. rest]));
}
