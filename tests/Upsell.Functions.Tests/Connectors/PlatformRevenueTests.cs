using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Application.Catalog;
using Upsell.Domain.Decisions;
using Upsell.Functions.Operations;
using Upsell.Functions.Orders;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Queues;
using Upsell.Tests;

namespace Upsell.Functions.Tests.Connectors;

/// <summary>
/// Only the shop's real revenue counts, the same on every platform: a Shopify test checkout is kept but counts
/// nowhere, and a Shopify order in a shop whose prices include tax counts what a WooCommerce order of the same goods
/// counts (WooCommerce's line totals are before tax).
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class PlatformRevenueTests(Azurite azurite) : AzuriteTest(azurite)
{
    private static readonly string[] Visitors = ["visitor-1", "visitor-2"];

    public override async Task InitializeAsync()
    {
        await DemoCatalogSeeder.SeedAsync(App.Get<CatalogAdmin>(), default);

        // Both shoppers reached the cart, so the holdout view counts their orders' value.
        var now = App.Clock.GetUtcNow();
        var engine = App.Get<OfferEngine>();
        await App.RecordEventsAsync(Outcomes.EventMessage(new EventMessage(now, [],
            [.. Visitors.Select(v => new QueuedExposure(v, $"s-{v}", "cart", engine.IsHeldOut(v), now))])));
    }

    [Fact]
    public async Task A_Shopify_test_order_is_kept_but_counts_in_no_report_gets_no_follow_up_and_shows_in_operations()
    {
        var before = await CountersAsync();
        var payload = Platforms.Payload("shopify-orders-create", App.Token());
        payload["test"] = true;

        var response = await App.PostShopifyAsync("orders/create", payload);
        var message = Assert.Single(await App.OrderMessagesAsync());
        await App.RecordOrderAsync(message);
        await App.RecordOrderAsync(message.Redelivered(2));
        App.Clock.Advance(TimeSpan.FromHours(4));
        var refund = await App.PostShopifyAsync("refunds/create", Platforms.Payload("shopify-refunds-create"));
        var recorder = ActivatorUtilities.CreateInstance<RecordRefundFunction>(App.Services);
        foreach (var queued in await App.ReceiveAsync(App.Get<UpsellQueues>().RefundsName))
        {
            await recorder.RecordRefund(queued, default);
        }

        Assert.Equal((202, 202), (response.Status, refund.Status));
        Assert.True(JsonSerializer.Deserialize(message.Body.ToMemory().Span, QueueJson.Default.OrderMessage)!.Test);
        Assert.Equal(before, await CountersAsync());
        Assert.Null(await App.FollowUpAsync("shopify:5940263813270"));
        Assert.Equal(1, (await OperationsAsync()).GetProperty("testOrders").GetInt32());
    }

    [Fact]
    public async Task A_Shopify_order_with_prices_including_tax_counts_the_same_net_revenue_as_a_WooCommerce_order_of_the_same_goods()
    {
        var start = await CountersAsync();

        await App.PostShopifyAsync("orders/create", Platforms.Payload("shopify-orders-create", App.Token()));
        var shopify = await App.RecordTheOrderAsync();
        var afterShopify = await CountersAsync();
        await App.PostWooAsync("order.created", Platforms.Payload("woocommerce-order", App.Token(visitor: "visitor-2")));
        var woo = await App.RecordTheOrderAsync();
        var afterWoo = await CountersAsync();

        // 24.99 with 19% VAT included is 21.00 net; the whole order 923.99 with 147.53 tax is 776.46.
        Assert.Equal((77646L, 77646L), (shopify.Total, woo.Total));
        Assert.Equal(shopify.Lines.Select(l => (l.Sku, l.UnitPrice, l.Quantity)), woo.Lines.Select(l => (l.Sku, l.UnitPrice, l.Quantity)));
        Assert.Equal(2100, afterShopify.Revenue - start.Revenue);
        Assert.Equal(2100, afterWoo.Revenue - afterShopify.Revenue);
        Assert.Equal(77646, afterShopify.HoldoutViewRevenue - start.HoldoutViewRevenue);
        Assert.Equal(77646, afterWoo.HoldoutViewRevenue - afterShopify.HoldoutViewRevenue);
        Assert.Equal(0, (await OperationsAsync()).GetProperty("testOrders").GetInt32());
    }

    // The cart experiment's control arm (upsell revenue and orders) and the holdout view's order value, treated and held out.
    private async Task<(long Revenue, long Orders, long HoldoutViewRevenue)> CountersAsync()
    {
        var control = (await App.GetAsync("experiments", key: Reports.Experiment)).Json.GetProperty("arms").EnumerateArray()
            .Single(a => a.GetProperty("key").GetString() == "control").GetProperty("totals");
        var all = (await App.GetAsync("holdout", "?from=2026-11-20&to=2026-11-28")).Json.GetProperty("scopes").EnumerateArray()
            .Single(s => s.GetProperty("scope").GetString() == "all");
        return (control.GetProperty("revenueMinor").GetInt64(), control.GetProperty("orders").GetInt64(),
            all.GetProperty("treated").GetProperty("revenueMinor").GetInt64() + all.GetProperty("holdout").GetProperty("revenueMinor").GetInt64());
    }

    private async Task<JsonElement> OperationsAsync()
    {
        var request = Http.Request("GET");
        var response = await Http.ExecuteAsync(request, await ActivatorUtilities.CreateInstance<OperationsFunctions>(App.Services).ShowOperations(request, default));
        Assert.Equal(200, response.Status);
        return response.Json.Clone();
    }
}
