using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Domain.Offers;
using Upsell.Functions.Operations;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Storage;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>The expiry timer: event markers and sessions go once nothing can count them any more, and every count stays.</summary>
[Collection(UsesAzurite.Name)]
public sealed class ExpiryTests(Azurite azurite) : AzuriteTest(azurite)
{
    public override async Task InitializeAsync() => await Application.Catalog.DemoCatalogSeeder.SeedAsync(App.Get<Application.Catalog.CatalogAdmin>(), default);

    [Fact]
    public async Task Declines_past_their_cool_down_and_arms_of_a_phase_that_is_over_go_and_the_rest_stay()
    {
        var shoppers = App.Get<Infrastructure.Shoppers.ShopperStateStore>();
        var empty = new Infrastructure.Shoppers.ShopperState(new ShopperHistory(), null);
        await shoppers.RecordDeclineAsync("visitor-a", "cam-bag", OfferKind.Accessory, App.Clock.GetUtcNow(), default);
        await shoppers.TryRecordAsync("visitor-a", "s-1", null, new Domain.Experiments.StickyAssignment("cart-sd-card-price", 1, "control"), empty, App.Clock.GetUtcNow(), default);
        await shoppers.TryRecordAsync("visitor-a", "s-1", null, new Domain.Experiments.StickyAssignment("retired-test", 1, "control"), empty, App.Clock.GetUtcNow(), default);
        App.Clock.Advance(TimeSpan.FromDays(31));
        await shoppers.RecordDeclineAsync("visitor-a", "gift-wrap", OfferKind.Accessory, App.Clock.GetUtcNow(), default);

        await ActivatorUtilities.CreateInstance<ExpireRowsFunction>(App.Services).ExpireRows(null!, default);

        var history = await shoppers.LoadHistoryAsync("visitor-a", default);
        // The cool-down (30 days) is over for the first decline; the running test's arm is kept, the retired one's not.
        Assert.Equal(["gift-wrap"], history.Declines.Select(d => d.OfferId));
        Assert.Equal(["cart-sd-card-price"], history.Assignments.Values.Select(a => a.ExperimentKey));
    }

    [Fact]
    public async Task The_timer_removes_markers_past_the_window_and_every_count_stays_as_it_was()
    {
        var old = App.Token(visitor: "visitor-old");
        await App.PostEventsAsync(new { events = new[] { Outcomes.Event("impression", old), Outcomes.Event("accept", old) } });
        await App.RecordQueuedEventsAsync();
        await App.Get<Infrastructure.Shoppers.ShopperStateStore>().TryRecordAsync("visitor-old", "session-old", Moment.Cart, null,
            new Infrastructure.Shoppers.ShopperState(new ShopperHistory(), null), App.Clock.GetUtcNow(), default);
        App.Clock.Advance(TimeSpan.FromDays(31));
        var recent = App.Token(visitor: "visitor-new");
        await App.PostEventsAsync(new { events = new[] { Outcomes.Event("impression", recent) } });
        await App.RecordQueuedEventsAsync();
        var before = await App.Get<StatsReader>().TotalAsync(Outcomes.DemoControl, default);
        var markersBefore = await MarkersAsync();

        await ActivatorUtilities.CreateInstance<ExpireRowsFunction>(App.Services).ExpireRows(null!, default);

        var after = await App.Get<StatsReader>().TotalAsync(Outcomes.DemoControl, default);
        var markersAfter = await MarkersAsync();
        Assert.Equal(before, after);
        Assert.Equal((2L, 1L), (after.Impressions, after.Accepts));
        // The old visitor's markers went; the recent one's are still there to catch a repeat.
        Assert.Contains(markersBefore, m => m.VisitorId == "visitor-old");
        Assert.DoesNotContain(markersAfter, m => m.VisitorId == "visitor-old");
        Assert.Equal(markersBefore.Where(m => m.VisitorId == "visitor-new").Select(m => m.RowKey), markersAfter.Select(m => m.RowKey));
        var sessions = await App.Get<UpsellTables>().SuppressionsAsync(default);
        Assert.Empty(sessions.Query<TableEntity>(e => e.PartitionKey == "visitor-old"));
    }

    private async Task<List<MarkerEntity>> MarkersAsync()
    {
        var stats = await App.Get<UpsellTables>().StatsAsync(default);
        return [.. stats.Query<MarkerEntity>(m => m.RowKey.CompareTo("event|") >= 0 && m.RowKey.CompareTo("received}") < 0).Where(m => m.RowKey.Contains('|', StringComparison.Ordinal) && !m.RowKey.StartsWith("order|", StringComparison.Ordinal) && !m.RowKey.StartsWith("refund|", StringComparison.Ordinal))
            .OrderBy(m => m.RowKey, StringComparer.Ordinal)];
    }
}
