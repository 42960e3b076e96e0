using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Application.Catalog;
using Upsell.Functions.Orders;
using Upsell.Infrastructure.Queues;
using Upsell.Tests;

namespace Upsell.Functions.Tests.Connectors;

/// <summary>WooCommerce's order webhooks and ping, platform-shaped payloads, through the function class against Azurite.</summary>
[Collection(UsesAzurite.Name)]
public sealed class WooCommerceConnectorTests(Azurite azurite) : AzuriteTest(azurite)
{
    private const string OrderId = "woo:727";

    public override async Task InitializeAsync() => await DemoCatalogSeeder.SeedAsync(App.Get<CatalogAdmin>(), default);

    [Fact]
    public async Task Order_created_with_an_upsell_line_is_recorded_attributes_its_revenue_and_gets_one_follow_up()
    {
        var before = await ControlAsync();

        var response = await App.PostWooAsync("order.created", Platforms.Payload("woocommerce-order", App.Token()));
        var message = Assert.Single(await App.OrderMessagesAsync());
        await App.RecordOrderAsync(message);

        Assert.True(response.Status == 202, response.Body);
        Assert.Equal((OrderId, 1), (response.Json.GetProperty("orderId").GetString(), response.Json.GetProperty("upsells").GetInt32()));
        var order = JsonSerializer.Deserialize(message.Body.ToMemory().Span, QueueJson.Default.OrderMessage)!;
        Assert.Equal((77646L, "visitor-1", "ada@example.com", TestApp.Start), (order.Total, order.Customer.VisitorId, order.Customer.Email, order.PlacedAt));
        Assert.Equal(before.GetProperty("revenueMinor").GetInt64() + 2100, (await ControlAsync()).GetProperty("revenueMinor").GetInt64());
        Assert.NotNull(await App.FollowUpAsync(OrderId));
    }

    [Theory]
    [InlineData("no")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Without_the_consent_meta_there_is_no_follow_up(string? consent)
    {
        var payload = Platforms.Payload("woocommerce-order", App.Token());
        var meta = payload["meta_data"]!.AsArray();
        meta.Remove(meta.Single(m => m!["key"]!.GetValue<string>() == "_upsell_marketing_consent"));
        if (consent is not null)
        {
            meta.Add(new JsonObject { ["id"] = 1, ["key"] = "_upsell_marketing_consent", ["value"] = consent });
        }

        await App.PostWooAsync("order.created", payload);
        await App.RecordOrderAsync(Assert.Single(await App.OrderMessagesAsync()));

        Assert.Null(await App.FollowUpAsync(OrderId));
    }

    [Fact]
    public async Task The_ping_sent_when_a_webhook_is_saved_is_answered_200_and_queues_nothing()
    {
        var response = await App.SendWooAsync(Encoding.UTF8.GetBytes("webhook_id=14"), [], "application/x-www-form-urlencoded");

        Assert.Equal(200, response.Status);
        Assert.Equal("ping", response.Json.GetProperty("topic").GetString());
        Assert.Empty(await App.OrderMessagesAsync());
    }

    [Theory]
    [InlineData("wrong secret")]
    [InlineData("no signature")]
    public async Task A_wrong_or_missing_signature_is_401_and_queues_nothing(string refusal)
    {
        var response = await App.PostWooAsync("order.created", Platforms.Payload("woocommerce-order", App.Token()),
            refusal == "no signature" ? _ => null : b => Domain.Orders.PlatformSignature.Compute(b, Encoding.UTF8.GetBytes("not the webhook's secret")));

        Assert.Equal(401, response.Status);
        Assert.Empty(await App.OrderMessagesAsync());
    }

    [Fact]
    public async Task Order_updated_with_a_refund_nets_it_out_once_and_records_the_order_only_once()
    {
        await App.PostWooAsync("order.created", Platforms.Payload("woocommerce-order", App.Token()));
        await App.RecordOrderAsync(Assert.Single(await App.OrderMessagesAsync()));
        var before = await ControlAsync();
        App.Clock.Advance(TimeSpan.FromHours(4));
        var updated = Platforms.Payload("woocommerce-order", App.Token());
        updated["status"] = "refunded";
        updated["date_modified_gmt"] = "2026-11-24T15:00:00";
        // WooCommerce's refunds list: each refund's id and total, as a negative amount; not its lines.
        updated["refunds"] = new JsonArray(new JsonObject { ["id"] = 726, ["reason"] = "Card arrived damaged", ["total"] = "-923.99" });

        var first = await App.PostWooAsync("order.updated", updated);
        var again = await App.PostWooAsync("order.updated", updated);
        foreach (var message in await App.OrderMessagesAsync())
        {
            await App.RecordOrderAsync(message);
        }

        var recorder = ActivatorUtilities.CreateInstance<RecordRefundFunction>(App.Services);
        foreach (var refund in await App.ReceiveAsync(App.Get<UpsellQueues>().RefundsName))
        {
            await recorder.RecordRefund(refund, default);
        }

        Assert.Equal((202, 202), (first.Status, again.Status));
        Assert.Equal(1, await App.OrdersRecordedAsync());
        var after = await ControlAsync();
        Assert.Equal(before.GetProperty("revenueMinor").GetInt64() - 2100, after.GetProperty("revenueMinor").GetInt64());
        Assert.Equal(1, after.GetProperty("refunds").GetInt64());
    }

    [Fact]
    public async Task A_partial_refund_is_spread_over_the_lines_in_proportion_exactly()
    {
        await App.PostWooAsync("order.created", Platforms.Payload("woocommerce-order", App.Token()));
        await App.RecordOrderAsync(Assert.Single(await App.OrderMessagesAsync()));
        var updated = Platforms.Payload("woocommerce-order", App.Token());
        updated["refunds"] = new JsonArray(new JsonObject { ["id"] = 726, ["reason"] = "", ["total"] = "-100.00" });

        await App.PostWooAsync("order.updated", updated);

        var refund = JsonSerializer.Deserialize(Assert.Single(await App.ReceiveAsync(App.Get<UpsellQueues>().RefundsName)).Body.ToMemory().Span, QueueJson.Default.RefundMessage)!;
        // 10,000 cents with tax are 8,403 without (the order's 776.46 of 923.99), over lines of 75,546 and 2,100:
        // 8,175.7… and 227.2…, the remainder cent to the larger fraction.
        Assert.Equal([(0, 8176L), (1, 227L)], refund.Lines.Select(l => (l.Line, l.Amount)));
    }

    [Fact]
    public async Task A_malformed_amount_is_a_400_naming_WooCommerces_field_and_queues_nothing()
    {
        var payload = Platforms.Payload("woocommerce-order", App.Token());
        payload["line_items"]![1]!["total"] = "24,99";

        var response = await App.PostWooAsync("order.created", payload);

        Assert.Equal(400, response.Status);
        Assert.Contains("line_items[1].total", response.ProblemFields);
        Assert.Empty(await App.OrderMessagesAsync());
    }

    private async Task<JsonElement> ControlAsync() =>
        (await App.GetAsync("experiments", key: Reports.Experiment)).Json.GetProperty("arms").EnumerateArray()
            .Single(a => a.GetProperty("key").GetString() == "control").GetProperty("totals").Clone();
}
