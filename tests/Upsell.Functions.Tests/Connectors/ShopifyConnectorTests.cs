using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Application.Catalog;
using Upsell.Domain.Money;
using Upsell.Functions.Connectors;
using Upsell.Functions.FollowUps;
using Upsell.Functions.Orders;
using Upsell.Infrastructure.Queues;
using Upsell.Tests;

namespace Upsell.Functions.Tests.Connectors;

/// <summary>Shopify's webhooks, platform-shaped payloads, through the function class against Azurite.</summary>
[Collection(UsesAzurite.Name)]
public sealed class ShopifyConnectorTests(Azurite azurite) : AzuriteTest(azurite)
{
    private const string OrderId = "shopify:5940263813270";

    public override async Task InitializeAsync() => await DemoCatalogSeeder.SeedAsync(App.Get<CatalogAdmin>(), default);

    [Fact]
    public async Task An_order_with_an_upsell_line_is_recorded_attributes_its_revenue_and_gets_one_follow_up()
    {
        var before = await ControlAsync();

        var response = await App.PostShopifyAsync("orders/create", Platforms.Payload("shopify-orders-create", App.Token()));
        var message = Assert.Single(await App.OrderMessagesAsync());
        await App.RecordOrderAsync(message);

        Assert.True(response.Status == 202, response.Body);
        Assert.Equal((OrderId, 1), (response.Json.GetProperty("orderId").GetString(), response.Json.GetProperty("upsells").GetInt32()));
        var order = JsonSerializer.Deserialize(message.Body.ToMemory().Span, QueueJson.Default.OrderMessage)!;
        // Net of tax: the shop's prices include it, so its tax lines come out.
        Assert.Equal((77646L, "EUR", "visitor-1", "de-DE"), (order.Total, order.Currency, order.Customer.VisitorId, order.Customer.Locale));
        Assert.Equal(TestApp.Start, order.PlacedAt);
        Assert.Equal([("CAM-X100", 75546L, "14812345678901"), ("SD-128", 2100L, "14812345678902")], order.Lines.Select(l => (l.Sku, l.UnitPrice, l.LineId!)));
        var after = await ControlAsync();
        Assert.Equal(before.GetProperty("revenueMinor").GetInt64() + 2100, after.GetProperty("revenueMinor").GetInt64());
        Assert.Equal(before.GetProperty("orders").GetInt64() + 1, after.GetProperty("orders").GetInt64());
        Assert.NotNull(await App.FollowUpAsync(OrderId));
    }

    [Theory]
    [InlineData("not_subscribed")]
    [InlineData("unsubscribed")]
    [InlineData("pending")]
    public async Task Without_subscribed_consent_there_is_no_follow_up_and_no_address(string state)
    {
        var payload = Platforms.Payload("shopify-orders-create", App.Token());
        payload["customer"]!["email_marketing_consent"]!["state"] = state;

        await App.PostShopifyAsync("orders/create", payload);
        var message = Assert.Single(await App.OrderMessagesAsync());
        await App.RecordOrderAsync(message);

        Assert.Null(JsonSerializer.Deserialize(message.Body.ToMemory().Span, QueueJson.Default.OrderMessage)!.Customer.Email);
        Assert.Null(await App.FollowUpAsync(OrderId));
        Assert.Equal(0, await App.CountAsync((t, c) => t.AddressesAsync(c)));
    }

    [Fact]
    public async Task Buyer_accepts_marketing_counts_as_consent_on_older_payloads()
    {
        var payload = Platforms.Payload("shopify-orders-create");
        payload["customer"]!.AsObject().Remove("email_marketing_consent");
        payload["buyer_accepts_marketing"] = true;

        await App.PostShopifyAsync("orders/create", payload);
        await App.RecordOrderAsync(Assert.Single(await App.OrderMessagesAsync()));

        Assert.NotNull(await App.FollowUpAsync(OrderId));
    }

    [Fact]
    public async Task The_same_delivery_twice_counts_once()
    {
        var before = await ControlAsync();
        var payload = Platforms.Payload("shopify-orders-create", App.Token());

        var first = await App.PostShopifyAsync("orders/create", payload, webhookId: "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043");
        var retry = await App.PostShopifyAsync("orders/create", payload, webhookId: "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043");
        foreach (var message in await App.OrderMessagesAsync())
        {
            await App.RecordOrderAsync(message);
        }

        Assert.Equal((202, 202), (first.Status, retry.Status));
        Assert.Equal(before.GetProperty("revenueMinor").GetInt64() + 2100, (await ControlAsync()).GetProperty("revenueMinor").GetInt64());
        Assert.Equal(1, await App.OrdersRecordedAsync());
        Assert.Equal(1, await App.CountAsync((t, c) => t.FollowUpsAsync(c)));
    }

    public static TheoryData<string> Refusals => ["wrong secret", "no signature", "hex signature", "another shop", "body changed"];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_wrong_missing_or_other_shop_signature_is_401_and_queues_nothing(string refusal)
    {
        var body = Encoding.UTF8.GetBytes(Platforms.Payload("shopify-orders-create", App.Token()).ToJsonString());
        var response = refusal switch
        {
            "wrong secret" => await App.PostShopifyAsync("orders/create", body, b => Domain.Orders.PlatformSignature.Compute(b, Encoding.UTF8.GetBytes("another app's client secret"))),
            "no signature" => await App.PostShopifyAsync("orders/create", body, _ => null),
            "hex signature" => await App.PostShopifyAsync("orders/create", body, b => Convert.ToHexStringLower(Convert.FromBase64String(App.ShopifySignature(b)))),
            "another shop" => await App.PostShopifyAsync("orders/create", body, shop: "someone-else.myshopify.com"),
            _ => await App.PostShopifyAsync("orders/create", body, b => App.ShopifySignature([.. b, (byte)' '])),
        };

        Assert.Equal(401, response.Status);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        Assert.Empty(await App.OrderMessagesAsync());
    }

    [Fact]
    public async Task The_previous_client_secret_still_signs_during_a_rotation()
    {
        var previous = "the client secret before rotation";
        await using var rotated = new TestApp(Azurite, [new("Upsell:Shopify:PreviousWebhookSecret", previous)]);

        var response = await rotated.PostShopifyAsync("orders/create", Platforms.Payload("shopify-orders-create"), b => Domain.Orders.PlatformSignature.Compute(b, Encoding.UTF8.GetBytes(previous)));

        Assert.Equal(202, response.Status);
    }

    [Fact]
    public async Task A_refund_nets_the_refunded_upsell_line_out_of_the_report()
    {
        await App.PostShopifyAsync("orders/create", Platforms.Payload("shopify-orders-create", App.Token()));
        await App.RecordOrderAsync(Assert.Single(await App.OrderMessagesAsync()));
        var before = await ControlAsync();
        App.Clock.Advance(TimeSpan.FromHours(4));

        var response = await App.PostShopifyAsync("refunds/create", Platforms.Payload("shopify-refunds-create"));
        var refund = Assert.Single(await App.ReceiveAsync(App.Get<UpsellQueues>().RefundsName));
        var recorder = ActivatorUtilities.CreateInstance<RecordRefundFunction>(App.Services);
        await recorder.RecordRefund(refund, default);
        await recorder.RecordRefund(refund.Redelivered(2), default);

        Assert.True(response.Status == 202, response.Body);
        Assert.Equal((2100, 2100), (response.Json.GetProperty("amount").GetInt64(), response.Json.GetProperty("upsellAmount").GetInt64()));
        var after = await ControlAsync();
        Assert.Equal(before.GetProperty("revenueMinor").GetInt64() - 2100, after.GetProperty("revenueMinor").GetInt64());
        Assert.Equal((1, 2100), (after.GetProperty("refunds").GetInt64(), after.GetProperty("refundedMinor").GetInt64()));
    }

    [Fact]
    public async Task A_refund_of_an_order_not_recorded_yet_is_404_so_Shopify_retries()
    {
        var response = await App.PostShopifyAsync("refunds/create", Platforms.Payload("shopify-refunds-create"));

        Assert.Equal(404, response.Status);
        Assert.Empty(await App.ReceiveAsync(App.Get<UpsellQueues>().RefundsName));
    }

    [Fact]
    public async Task Customers_redact_erases_the_address_with_the_same_counts_as_the_erasure_route()
    {
        await PlaceAsync("ada@example.com", "5940263813270");
        await PlaceAsync("grace@example.com", "5940263813271");

        var redact = await App.PostShopifyAsync("customers/redact", Platforms.Payload("shopify-customers-redact"));
        var request = Http.Json(new { email = "grace@example.com" });
        var erasure = await Http.ExecuteAsync(request, await ActivatorUtilities.CreateInstance<EraseAddressFunction>(App.Services).EraseAddress(request, default));

        Assert.Equal((200, 200), (redact.Status, erasure.Status));
        Assert.Equal(erasure.Body, redact.Body);
        Assert.Equal(1, redact.Json.GetProperty("followUps").GetInt32());
        Assert.Equal(0, await App.CountAsync((t, c) => t.AddressesAsync(c)));
        Assert.Equal(0, await App.CountAsync((t, c) => t.FollowUpsAsync(c)));
    }

    [Fact]
    public async Task Customers_redact_erases_the_orders_it_names_without_an_address_with_their_visitors_state()
    {
        // Placed without an address, so nothing links it to the customer but Shopify's list.
        var payload = Platforms.Payload("shopify-orders-create");
        payload.Remove("email");
        payload.Remove("contact_email");
        payload["customer"]!.AsObject().Remove("email");
        Assert.Equal(202, (await App.PostShopifyAsync("orders/create", payload)).Status);
        await App.RecordOrderAsync(Assert.Single(await App.OrderMessagesAsync()));
        await PlaceAsync("grace@example.com", "5940263813271"); // another customer's order stays
        var shoppers = App.Get<Infrastructure.Shoppers.ShopperStateStore>();
        await shoppers.RecordDeclineAsync("visitor-1", "cam-bag", Domain.Offers.OfferKind.Accessory, TestApp.Start, default);
        await shoppers.TryRecordAsync("visitor-1", "session-1", Domain.Offers.Moment.Cart, null, await shoppers.LoadAsync("visitor-1", "session-1", default), TestApp.Start, default);
        var redact = Platforms.Payload("shopify-customers-redact");
        redact["customer"]!.AsObject().Remove("email");

        var response = await App.PostShopifyAsync("customers/redact", redact);
        var again = await App.PostShopifyAsync("customers/redact", redact);

        Assert.Equal(200, response.Status);
        Assert.Equal((1, 2), (response.Json.GetProperty("orders").GetInt32(), response.Json.GetProperty("visitorRecords").GetInt32()));
        Assert.Equal((0, 0), (again.Json.GetProperty("orders").GetInt32(), again.Json.GetProperty("visitorRecords").GetInt32()));
        Assert.Null(await App.Get<Application.Recording.RefundRecorder>().FindOrderAsync("shopify:5940263813270", default));
        Assert.NotNull(await App.Get<Application.Recording.RefundRecorder>().FindOrderAsync("shopify:5940263813271", default));
        var state = await shoppers.LoadAsync("visitor-1", "session-1", default);
        Assert.Equal((0, 0), (state.History.Declines.Count, state.History.PromptedMoments.Count));
    }

    [Fact]
    public async Task Customers_redact_removes_every_marker_naming_its_orders_and_their_refunds_and_the_reports_keep_their_counts()
    {
        Assert.Equal(202, (await App.PostShopifyAsync("orders/create", Platforms.Payload("shopify-orders-create", App.Token()))).Status);
        await App.RecordOrderAsync(Assert.Single(await App.OrderMessagesAsync()));
        Assert.Equal(202, (await App.PostShopifyAsync("refunds/create", Platforms.Payload("shopify-refunds-create"))).Status);
        foreach (var message in await App.ReceiveAsync(App.Get<UpsellQueues>().RefundsName))
        {
            await ActivatorUtilities.CreateInstance<RecordRefundFunction>(App.Services).RecordRefund(message, default);
        }

        await PlaceAsync("grace@example.com", "5940263813271"); // another customer's order keeps its markers
        var control = await ControlAsync();
        var erased = "5940263813270";
        Assert.NotEmpty(await RowKeysNamingAsync(erased));

        var redact = Platforms.Payload("shopify-customers-redact");
        redact["customer"]!.AsObject().Remove("email");
        Assert.Equal(200, (await App.PostShopifyAsync("customers/redact", redact)).Status);

        Assert.Empty(await RowKeysNamingAsync(erased));
        var kept = await RowKeysNamingAsync("5940263813271");
        Assert.Contains(kept, k => k.StartsWith("stats order|", StringComparison.Ordinal));
        Assert.Contains(kept, k => k.StartsWith("affinity !", StringComparison.Ordinal));
        Assert.Equal(control.ToString(), (await ControlAsync()).ToString());
    }

    // Every row of the stats and co-purchase tables whose key names the order.
    private async Task<List<string>> RowKeysNamingAsync(string shopifyId)
    {
        var tables = App.Get<Infrastructure.Storage.UpsellTables>();
        var found = new List<string>();
        foreach (var (name, table) in new[] { ("stats", await tables.StatsAsync(default)), ("affinity", await tables.AffinityAsync(default)) })
        {
            await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>(select: ["PartitionKey", "RowKey"]))
            {
                if (row.RowKey.Contains(shopifyId, StringComparison.Ordinal))
                {
                    found.Add($"{name} {row.RowKey}");
                }
            }
        }

        return found;
    }

    [Fact]
    public async Task A_data_request_is_answered_200_with_its_id_and_changes_nothing()
    {
        await PlaceAsync("ada@example.com", "5940263813270");

        var response = await App.PostShopifyAsync("customers/data_request", Platforms.Payload("shopify-customers-data_request"));

        Assert.Equal(200, response.Status);
        Assert.Equal("9999", response.Json.GetProperty("requestId").GetString());
        Assert.Contains(App.Logs.Entries, e => e.Message.Contains("9999", StringComparison.Ordinal));
        Assert.Equal(1, await App.OrdersRecordedAsync());
    }

    [Fact]
    public async Task Shop_redact_is_answered_at_once_and_its_queued_job_deletes_every_order_follow_up_address_and_visitor()
    {
        await PlaceAsync("ada@example.com", "5940263813270");
        await PlaceAsync("grace@example.com", "5940263813271");
        await App.Get<Infrastructure.Shoppers.ShopperStateStore>().OptOutAsync("visitor-1", TestApp.Start, default);

        var response = await App.PostShopifyAsync("shop/redact", Platforms.Payload("shopify-shop-redact"));
        var stored = await App.CountAsync((t, c) => t.OrdersAsync(c)); // nothing is deleted before the job runs
        var job = Assert.Single(await App.ReceiveAsync(App.Get<UpsellQueues>().ErasuresName));
        var erase = ActivatorUtilities.CreateInstance<EraseShopFunction>(App.Services);
        await erase.EraseShop(job, default);
        await erase.EraseShop(job.Redelivered(2), default); // a redelivery finds nothing left

        Assert.Equal(202, response.Status);
        Assert.Equal(("shop/redact", 2), (response.Json.GetProperty("topic").GetString(), stored));
        Assert.Equal(0, await App.CountAsync((t, c) => t.OrdersAsync(c)) + await App.CountAsync((t, c) => t.FollowUpsAsync(c))
            + await App.CountAsync((t, c) => t.AddressesAsync(c)) + await App.CountAsync((t, c) => t.SuppressionsAsync(c)));
        Assert.Contains(App.Logs.Entries, e => e.Message.Contains("2 orders, 2 follow-ups", StringComparison.Ordinal));
        Assert.Empty(await RowKeysNamingAsync("59402638132"));
    }

    [Theory]
    [InlineData("orders/paid")]
    [InlineData("orders/updated")]
    [InlineData("products/update")]
    public async Task A_topic_that_is_not_recorded_is_answered_200_and_queues_nothing(string topic)
    {
        var response = await App.PostShopifyAsync(topic, Platforms.Payload("shopify-orders-create"));

        Assert.Equal(200, response.Status);
        Assert.Equal(topic, response.Json.GetProperty("topic").GetString());
        Assert.Empty(await App.OrderMessagesAsync());
    }

    [Fact]
    public async Task Orders_paid_records_the_order_when_it_is_the_configured_topic()
    {
        await using var paid = new TestApp(Azurite, [new("Upsell:Shopify:OrderTopic", "orders/paid")]);

        var created = await paid.PostShopifyAsync("orders/create", Platforms.Payload("shopify-orders-create"));
        var paidResponse = await paid.PostShopifyAsync("orders/paid", Platforms.Payload("shopify-orders-create"));

        Assert.Equal((200, 202), (created.Status, paidResponse.Status));
        Assert.Single(await paid.OrderMessagesAsync());
    }

    [Fact]
    public async Task A_payload_over_1_MiB_is_413_and_a_signed_body_that_is_not_JSON_is_400_and_neither_queues_anything()
    {
        var payload = Platforms.Payload("shopify-orders-create");
        payload["note"] = new string('x', 1024 * 1024);

        var large = await App.PostShopifyAsync("orders/create", payload);
        var notJson = await App.PostShopifyAsync("orders/create", Encoding.UTF8.GetBytes("id=5940263813270&currency=EUR"));

        Assert.Equal(413, large.Status);
        Assert.Equal(400, notJson.Status);
        Assert.Equal(["body"], notJson.ProblemFields);
        Assert.Empty(await App.OrderMessagesAsync());
    }

    [Fact]
    public async Task Every_shared_amount_case_converts_exactly_or_is_a_400_naming_Shopifys_field()
    {
        foreach (var c in PlatformAmounts.Load().Where(c => MoneyFormatter.IsKnownCurrency(c.Currency)))
        {
            var payload = Platforms.Payload("shopify-orders-create");
            payload["id"] = Random.Shared.NextInt64(1, long.MaxValue);
            payload["currency"] = c.Currency;
            payload["current_total_price"] = c.Minor is null ? "0" : c.Amount;
            // Amounts alone: a shop whose prices exclude tax, and no tax.
            payload["taxes_included"] = false;
            payload.Remove("current_total_tax");
            var lines = payload["line_items"]!.AsArray();
            lines.RemoveAt(1);
            lines[0]!["price"] = c.Amount;

            var response = await App.PostShopifyAsync("orders/create", payload);

            if (c.Minor is { } minor)
            {
                Assert.True(response.Status == 202, $"{c}: {response.Body}");
                var order = JsonSerializer.Deserialize(Assert.Single(await App.OrderMessagesAsync()).Body.ToMemory().Span, QueueJson.Default.OrderMessage)!;
                Assert.Equal((minor, minor), (order.Lines[0].UnitPrice, order.Total));
            }
            else
            {
                Assert.True(response.Status == 400, $"{c}: {response.Status}");
                Assert.Contains("line_items[0].price", response.ProblemFields);
                Assert.Empty(await App.OrderMessagesAsync());
            }
        }
    }

    private async Task PlaceAsync(string email, string shopifyId)
    {
        var payload = Platforms.Payload("shopify-orders-create");
        payload["id"] = long.Parse(shopifyId, System.Globalization.CultureInfo.InvariantCulture);
        payload["email"] = email;
        payload["contact_email"] = email;
        payload["customer"]!["email"] = email;
        Assert.Equal(202, (await App.PostShopifyAsync("orders/create", payload)).Status);
        await App.RecordOrderAsync(Assert.Single(await App.OrderMessagesAsync()));
    }

    private async Task<JsonElement> ControlAsync() =>
        (await App.GetAsync("experiments", key: Reports.Experiment)).Json.GetProperty("arms").EnumerateArray()
            .Single(a => a.GetProperty("key").GetString() == "control").GetProperty("totals").Clone();
}
