using Upsell.Domain.Outcomes;
using Upsell.Infrastructure.Outcomes;

namespace Upsell.Infrastructure.Tests;

/// <summary>A scope's day row holds every name's sums exactly, however many names it has, within a row's limits.</summary>
public sealed class RollupRowTests
{
    private static readonly DateOnly Day = new(2026, 12, 1);

    [Fact]
    public void A_scope_with_hundreds_of_names_is_split_over_properties_and_read_back_exactly()
    {
        var names = Enumerable.Range(0, 600).ToDictionary(
            i => $"offer-{i:D4}|cart",
            i => new Counters { Impressions = i, Visitors = i + 1, CappedRevenueSquares = (i * 1999.0 * 1999.0) + 0.1, CovariateProducts = i / 3.0 });

        var row = RollupRow.From("offers", Day, names);

        Assert.InRange(row.Keys.Count(k => k.StartsWith("Names", StringComparison.Ordinal)), 2, 16);
        Assert.All(row.Select(p => p.Value).OfType<string>(), part => Assert.True(part.Length <= 32_000));
        Assert.Equal(("offers", "20261201"), (row.PartitionKey, row.RowKey));
        Assert.Equal(names.OrderBy(n => n.Key, StringComparer.Ordinal), RollupRow.Read(row).OrderBy(n => n.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void A_name_with_nothing_counted_is_kept_so_the_scope_still_lists_it()
    {
        var row = RollupRow.From("offers", Day, new Dictionary<string, Counters> { ["offer-1|cart"] = Counters.Zero });

        Assert.Equal(Counters.Zero, Assert.Single(RollupRow.Read(row)).Value);
    }

    [Fact]
    public void More_names_than_a_row_can_hold_are_refused_with_the_scope_and_day()
    {
        var names = Enumerable.Range(0, 20_000).ToDictionary(i => $"offer-{i:D5}|cart", i => new Counters { Impressions = long.MaxValue - i, Visitors = long.MaxValue - i });

        var error = Assert.Throws<InvalidOperationException>(() => RollupRow.From("offers", Day, names));

        Assert.Contains("offers", error.Message, StringComparison.Ordinal);
        Assert.Contains("2026-12-01", error.Message, StringComparison.Ordinal);
    }
}
