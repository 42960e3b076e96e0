using Upsell.Application.Affinity;
using Upsell.Infrastructure.Affinity;
using Upsell.Tests;

namespace Upsell.Functions.Tests.Affinity;

/// <summary>
/// A SKU nobody orders any more keeps its neighbour list between runs, but not for ever: every FullRebuildHours a run
/// rebuilds every list from the shop's current totals, so old lists do not drift with the shop's growth.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class NeighbourRebuildTests(Azurite azurite) : AzuriteTest(azurite)
{
    [Fact]
    public async Task A_list_no_new_order_touched_is_rebuilt_from_the_current_totals_once_a_full_rebuild_is_due()
    {
        var builder = App.Get<AffinityBuilder>();
        var store = App.Get<NeighbourStore>();
        for (var i = 0; i < 10; i++)
        {
            await App.RecordOrderAsync(SyntheticShop.Message($"tent-{i}", ["TENT", "PEGS"]));
        }

        App.Clock.Advance(TimeSpan.FromHours(1));
        await builder.RefreshAsync(default); // the first run builds every list
        for (var i = 0; i < 30; i++)
        {
            await App.RecordOrderAsync(SyntheticShop.Message($"bike-{i}", ["BIKE", "LOCK"]));
        }

        App.Clock.Advance(TimeSpan.FromHours(1));
        var incremental = await builder.RefreshAsync(default);
        var stale = await store.GetAsync("TENT", default);
        App.Clock.Advance(TimeSpan.FromHours(24));
        var rebuilt = await builder.RefreshAsync(default);
        var fresh = await store.GetAsync("TENT", default);

        // In a shop of 10 orders that all held both, TENT and PEGS went together no more than chance: no neighbour.
        // In a shop of 40 they clearly do, but only a rebuild of TENT's list can say so.
        Assert.Equal(2, incremental); // BIKE and LOCK only
        Assert.Equal((10L, 0), (stale!.TotalOrders, stale.Neighbours.Count));
        Assert.Equal(4, rebuilt);
        Assert.Equal(40L, fresh!.TotalOrders);
        Assert.Equal(["PEGS"], fresh.Neighbours.Select(n => n.Sku));
    }
}
