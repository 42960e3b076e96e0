using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Application.Catalog;
using Upsell.Domain.Decisions;
using Upsell.Functions.Connectors;
using Upsell.Functions.Orders;
using Upsell.Infrastructure.Orders;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Queues;
using Upsell.Tests;

namespace Upsell.Functions.Tests.Connectors;

/// <summary>
/// A signed platform order is never refused for what the platform sent: odd orders real shops produce are
/// acknowledged with 2xx, kept, and counted exactly through the connector functions and the order recorder.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class PlatformOrderEdgeTests(Azurite azurite) : AzuriteTest(azurite)
{
    public override async Task InitializeAsync()
    {
        await DemoCatalogSeeder.SeedAsync(App.Get<CatalogAdmin>(), default);
        var now = App.Clock.GetUtcNow();
        await App.RecordEventsAsync(Outcomes.EventMessage(new EventMessage(now, [],
            [new QueuedExposure("visitor-1", "s-visitor-1", "cart", App.Get<OfferEngine>().IsHeldOut("visitor-1"), now)])));
    }

    [Fact]
    public async Task An_order_of_101_lines_keeps_its_upsell_line_and_its_revenue_exactly_in_100()
    {
        var before = await HoldoutRevenueAsync();
        var payload = Platforms.Payload("woocommerce-order", App.Token());
        var items = payload["line_items"]!.AsArray();
        var upsell = items[1]!.DeepClone();
        items.RemoveAt(1);
        for (var i = 0; i < 99; i++)
        {
            items.Add(new JsonObject { ["id"] = 1_000 + i, ["name"] = $"Cable {i}", ["product_id"] = 200 + i, ["variation_id"] = 0, ["quantity"] = 1, ["total"] = "1.00", ["sku"] = $"CABLE-{i}", ["meta_data"] = new JsonArray() });
        }

        items.Add(upsell);

        var response = await App.PostWooAsync("order.created", payload);
        var order = await App.RecordTheOrderAsync();

        Assert.Equal(202, response.Status);
        Assert.Equal(1, JsonDocument.Parse(response.Body).RootElement.GetProperty("upsells").GetInt32());
        Assert.Equal(100, order.Lines.Count);
        Assert.Equal(75_546 + 99 * 100 + 2_100, order.Lines.Sum(l => l.Total));
        Assert.Equal(("SD-128", 2_100L), (order.Lines[order.Upsells[0].Line].Sku, order.Upsells[0].Revenue));
        Assert.Equal((PlatformLine.MoreItemsSku, "2 more items", 200L), (order.Lines[^1].Sku, order.Lines[^1].Name, order.Lines[^1].Total));
        Assert.Equal(77_646, await HoldoutRevenueAsync() - before);
    }

    [Fact]
    public async Task A_fee_only_WooCommerce_order_with_no_lines_is_acknowledged_and_counts_its_value()
    {
        var before = await HoldoutRevenueAsync();
        var payload = Platforms.Payload("woocommerce-order");
        payload["line_items"] = new JsonArray();
        payload["fee_lines"] = new JsonArray(new JsonObject { ["id"] = 77, ["name"] = "Gift wrapping", ["total"] = "10.00", ["total_tax"] = "0.00" });
        (payload["total"], payload["total_tax"]) = ("10.00", "0.00");

        var response = await App.PostWooAsync("order.created", payload);
        var order = await App.RecordTheOrderAsync();

        Assert.Equal(202, response.Status);
        Assert.Empty(order.Lines);
        Assert.Equal(1_000, await HoldoutRevenueAsync() - before);
    }

    [Fact]
    public async Task Control_characters_in_a_title_or_SKU_become_spaces_and_a_quantity_of_20000_is_kept_as_sent()
    {
        var payload = Platforms.Payload("shopify-orders-create", App.Token());
        var line = payload["line_items"]![0]!;
        (line["name"], line["sku"]) = ("Camera\nX100\u0007 kit", "CAM\tX100");
        var woo = Platforms.Payload("woocommerce-order");
        woo["id"] = 728;
        (woo["line_items"]![0]!["quantity"], woo["line_items"]![0]!["total"]) = (20_000, "20000.00");

        var (shopify, wooCommerce) = (await App.PostShopifyAsync("orders/create", payload), await App.PostWooAsync("order.created", woo));
        var orders = (await App.OrderMessagesAsync()).Select(m => JsonSerializer.Deserialize(m.Body.ToMemory().Span, QueueJson.Default.OrderMessage)!).ToList();

        Assert.Equal((202, 202), (shopify.Status, wooCommerce.Status));
        var cleaned = orders.Single(o => o.OrderId.StartsWith("shopify:", StringComparison.Ordinal)).Lines[0];
        Assert.Equal(("CAM X100", "Camera X100  kit"), (cleaned.Sku, cleaned.Name));
        var bulk = orders.Single(o => o.OrderId.StartsWith("woo:", StringComparison.Ordinal)).Lines[0];
        Assert.Equal((20_000, 100L, 2_000_000L), (bulk.Quantity, bulk.UnitPrice, bulk.Total));
    }

    [Fact]
    public async Task A_Shopify_refund_a_cent_above_the_recorded_line_is_taken_at_the_line_and_counted_once()
    {
        await App.PostShopifyAsync("orders/create", Platforms.Payload("shopify-orders-create", App.Token()));
        await App.RecordTheOrderAsync();
        var refund = Platforms.Payload("shopify-refunds-create");
        var line = refund["refund_line_items"]![0]!;
        (line["subtotal_set"]!["shop_money"]!["amount"], line["subtotal"]) = ("25.00", 25.00); // 2,101 net of tax; the line holds 2,100

        var response = await App.PostShopifyAsync("refunds/create", refund);
        await RecordRefundsAsync();

        Assert.True(response.Status == 202, response.Body);
        Assert.Equal((2_100, 2_100), (response.Json.GetProperty("amount").GetInt64(), response.Json.GetProperty("upsellAmount").GetInt64()));
        Assert.Equal((1L, 2_100L), await ControlRefundsAsync());
    }

    [Fact]
    public async Task A_second_Shopify_refund_of_a_line_gets_only_what_is_left_and_a_resent_refund_is_not_cut_against_itself()
    {
        await App.PostShopifyAsync("orders/create", Platforms.Payload("shopify-orders-create", App.Token()));
        await App.RecordTheOrderAsync();
        var first = Platforms.Payload("shopify-refunds-create");
        var second = Platforms.Payload("shopify-refunds-create");
        second["id"] = 929361463002; // the whole line refunded again, as a second refund

        var taken = await App.PostShopifyAsync("refunds/create", first);
        var resent = await App.PostShopifyAsync("refunds/create", first);
        var again = await App.PostShopifyAsync("refunds/create", second);
        await RecordRefundsAsync();

        Assert.True((taken.Status, resent.Status) == (202, 202), resent.Body);
        Assert.Equal((2_100L, 2_100L), (taken.Json.GetProperty("upsellAmount").GetInt64(), resent.Json.GetProperty("upsellAmount").GetInt64()));
        Assert.Equal(200, again.Status);
        Assert.Equal((1L, 2_100L), await ControlRefundsAsync());

        var orderId = ShopifyOrder.OrderId(first["order_id"]!.ToString())!;
        var ledger = App.Get<RefundLedger>();
        Assert.Equal(2_100, (await ledger.RefundedAsync(orderId, null, default)).Values.Sum());
        await App.Get<Application.Erasure.OrderEraser>().EraseAsync([orderId], default);
        Assert.Empty(await ledger.RefundedAsync(orderId, null, default));
    }

    [Fact]
    public async Task A_Shopify_refund_of_a_line_the_order_never_had_is_acknowledged_and_changes_no_upsell()
    {
        await App.PostShopifyAsync("orders/create", Platforms.Payload("shopify-orders-create", App.Token()));
        await App.RecordTheOrderAsync();
        var edited = Platforms.Payload("shopify-refunds-create");
        var items = edited["refund_line_items"]!.AsArray();
        items[0]!["line_item_id"] = 14812345679999; // a line added by an order edit after the order was recorded
        items[0]!["line_item"]!["id"] = 14812345679999;
        var mixed = Platforms.Payload("shopify-refunds-create");
        mixed["id"] = 929361463001;
        mixed["refund_line_items"]!.AsArray().Add(items[0]!.DeepClone());

        var alone = await App.PostShopifyAsync("refunds/create", edited);
        var both = await App.PostShopifyAsync("refunds/create", mixed);
        await RecordRefundsAsync();

        Assert.Equal(200, alone.Status);
        Assert.Equal("refunds no recorded order line, so no upsell revenue changes", alone.Json.GetProperty("outcome").GetString());
        Assert.True(both.Status == 202, both.Body);
        Assert.Equal(2_100, both.Json.GetProperty("upsellAmount").GetInt64());
        Assert.Equal((1L, 2_100L), await ControlRefundsAsync());
    }

    [Fact]
    public async Task What_is_still_refused_names_the_platforms_own_field()
    {
        var order = Platforms.Payload("shopify-orders-create");
        order.Remove("created_at");
        var woo = Platforms.Payload("woocommerce-order");
        woo.Remove("id");
        await App.PostShopifyAsync("orders/create", Platforms.Payload("shopify-orders-create"));
        await App.RecordTheOrderAsync();
        var refund = Platforms.Payload("shopify-refunds-create");
        refund.Remove("id");
        refund.Remove("processed_at");
        refund.Remove("created_at");

        var responses = new[]
        {
            await App.PostShopifyAsync("orders/create", order),
            await App.PostWooAsync("order.created", woo),
            await App.PostShopifyAsync("refunds/create", refund),
        };

        Assert.All(responses, r => Assert.Equal(400, r.Status));
        Assert.Equal(["created_at"], responses[0].ProblemFields);
        Assert.Equal(["id"], responses[1].ProblemFields);
        Assert.Equal(["id", "processed_at"], responses[2].ProblemFields);
    }

    private async Task RecordRefundsAsync()
    {
        foreach (var message in await App.ReceiveAsync(App.Get<UpsellQueues>().RefundsName))
        {
            await ActivatorUtilities.CreateInstance<RecordRefundFunction>(App.Services).RecordRefund(message, default);
        }
    }

    private async Task<(long Refunds, long RefundedMinor)> ControlRefundsAsync()
    {
        var totals = (await App.GetAsync("experiments", key: Reports.Experiment)).Json.GetProperty("arms").EnumerateArray()
            .Single(a => a.GetProperty("key").GetString() == "control").GetProperty("totals");
        return (totals.GetProperty("refunds").GetInt64(), totals.GetProperty("refundedMinor").GetInt64());
    }

    // The holdout view's order value over every moment, treated and held out together.
    private async Task<long> HoldoutRevenueAsync()
    {
        var all = (await App.GetAsync("holdout", "?from=2026-11-20&to=2026-11-28")).Json.GetProperty("scopes").EnumerateArray()
            .Single(s => s.GetProperty("scope").GetString() == "all");
        return all.GetProperty("treated").GetProperty("revenueMinor").GetInt64() + all.GetProperty("holdout").GetProperty("revenueMinor").GetInt64();
    }
}
