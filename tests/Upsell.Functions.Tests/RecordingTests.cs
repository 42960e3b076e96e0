using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Upsell.Application.Catalog;
using Upsell.Domain.Offers;
using Upsell.Domain.Outcomes;
using Upsell.Functions.Offers;
using Upsell.Infrastructure.FollowUps;
using Upsell.Infrastructure.Orders;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Queues;
using Upsell.Infrastructure.Storage;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>The queue functions: every event and order counted once, whatever the host delivers how often.</summary>
[Collection(UsesAzurite.Name)]
public sealed class RecordingTests(Azurite azurite) : AzuriteTest(azurite)
{
    private static readonly StatsGroup Control = new(Moment.Cart, "cart-sd-card-price", 1, "control", "cam-sd-card");

    public override async Task InitializeAsync() => await DemoCatalogSeeder.SeedAsync(App.Get<CatalogAdmin>(), default);

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task The_same_events_delivered_again_count_once(int deliveries)
    {
        var token = App.Token();
        await App.PostEventsAsync(new { events = new[] { Outcomes.Event("impression", token), Outcomes.Event("click", token), Outcomes.Event("accept", token) } });
        var message = Assert.Single(await App.EventMessagesAsync());

        for (var delivery = 1; delivery <= deliveries; delivery++)
        {
            await App.RecordEventsAsync(message.Redelivered(delivery));
        }

        var total = await App.Get<StatsReader>().TotalAsync(Control, default);
        Assert.Equal((1, 1, 1, 1, 1), (total.Impressions, total.Visitors, total.Clicks, total.Accepts, total.AcceptingVisitors));
        Assert.Equal(total, await App.Get<StatsReader>().DayAsync(Control, new DateOnly(2026, 11, 24), default));
    }

    [Fact]
    public async Task An_event_resent_in_a_later_batch_counts_once()
    {
        var token = App.Token();
        var impression = Outcomes.Event("impression", token, "e-1");
        await App.PostEventsAsync(new { events = new[] { impression } });
        await App.PostEventsAsync(new { events = new[] { impression, Outcomes.Event("click", token, "e-2") } });

        foreach (var message in await App.EventMessagesAsync())
        {
            await App.RecordEventsAsync(message);
        }

        var total = await App.Get<StatsReader>().TotalAsync(Control, default);
        Assert.Equal((1, 1), (total.Impressions, total.Clicks));
    }

    [Fact]
    public async Task Two_workers_recording_the_same_events_at_once_count_each_once()
    {
        await using var other = new TestApp(Azurite, App.Settings);
        var messages = new List<Azure.Storage.Queues.Models.QueueMessage>();
        for (var visitor = 0; visitor < 20; visitor++)
        {
            var token = App.Token(visitor: $"visitor-{visitor}");
            await App.PostEventsAsync(new { events = new[] { Outcomes.Event("impression", token), Outcomes.Event("impression", token), Outcomes.Event("click", token), Outcomes.Event("decline", token) } });
        }

        messages.AddRange(await App.EventMessagesAsync());
        await Task.WhenAll(
            Task.Run(() => Task.WhenAll(messages.Select(m => App.RecordEventsAsync(m)))),
            Task.Run(() => Task.WhenAll(messages.Select(m => other.RecordEventsAsync(m.Redelivered(2))))));

        // Each token sent its impression twice, with two event ids: it counts once, as any token's does.
        var total = await App.Get<StatsReader>().TotalAsync(Control, default);
        Assert.Equal((20, 20, 20, 20, 80), (total.Impressions, total.Visitors, total.Clicks, total.Declines, total.Received));
    }

    [Fact]
    public async Task A_decline_suppresses_the_offer_at_the_next_decision()
    {
        var first = await DecideCartAsync();
        var offer = first.Json.GetProperty("offers")[0];
        Assert.Equal("cam-sd-card", offer.GetProperty("offerId").GetString());

        await App.PostEventsAsync(new { events = new[] { Outcomes.Event("impression", offer.GetProperty("token").GetString()!), Outcomes.Event("decline", offer.GetProperty("token").GetString()!) } });
        foreach (var message in await App.EventMessagesAsync())
        {
            await App.RecordEventsAsync(message);
        }

        var next = await DecideCartAsync();
        Assert.True(next.Status == 204 || next.Json.GetProperty("offers").EnumerateArray().All(o => o.GetProperty("offerId").GetString() != "cam-sd-card"));
    }

    [Fact]
    public async Task A_message_that_cannot_be_read_goes_to_the_poison_queue_and_is_logged_with_its_id()
    {
        var queues = App.Get<UpsellQueues>();
        await queues.SendEventsAsync(new BinaryData("""{"receivedAt":"2026-11-24T12:00:00Z","events":[{"id":"e-1","type":"teleport"}]}"""), default);
        var message = Assert.Single(await App.EventMessagesAsync());

        await App.RecordEventsAsync(message);

        var poisoned = Assert.Single(await App.PoisonMessagesAsync(queues.EventsName));
        Assert.Equal(message.Body.ToString(), poisoned.Body.ToString());
        Assert.Contains(App.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains(message.MessageId, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task An_order_delivered_again_is_stored_counted_and_followed_up_once(int deliveries)
    {
        var token = App.Token();
        await App.PostOrderAsync(Outcomes.Order(lines: [Outcomes.Line("CAM-X100", "X100 camera", 89900), Outcomes.Line("SD-128", "128 GB card", 2499, quantity: 2, upsellToken: token)]));
        var message = Assert.Single(await App.OrderMessagesAsync());

        for (var delivery = 1; delivery <= deliveries; delivery++)
        {
            await App.RecordOrderAsync(message.Redelivered(delivery));
        }

        var total = await App.Get<StatsReader>().TotalAsync(Control, default);
        Assert.Equal((1, 4998), (total.Orders, total.RevenueMinor));
        var followUp = Assert.Single(await RowsAsync<FollowUpEntity>(await App.Get<UpsellTables>().FollowUpsAsync(default)));
        Assert.Equal(("20261125", "order-1", "pending", "ada@example.com"), (followUp.PartitionKey, followUp.RowKey, followUp.Status, followUp.Email));
        Assert.Equal((TestApp.Start.AddHours(24), TestApp.Start.AddHours(72)), (followUp.DueAt, followUp.ExpiresAt));
        var order = Assert.Single(await RowsAsync<OrderEntity>(await App.Get<UpsellTables>().OrdersAsync(default)), r => r.RowKey == OrderEntity.Row);
        Assert.Equal((4998L, 92398L), (order.UpsellRevenue, order.Total));
    }

    [Fact]
    public async Task An_order_without_consent_gets_no_follow_up_and_its_address_is_stored_nowhere()
    {
        await App.PostOrderAsync(Outcomes.Order(consent: false));

        await App.RecordOrderAsync(Assert.Single(await App.OrderMessagesAsync()));

        var tables = App.Get<UpsellTables>();
        Assert.Empty(await RowsAsync<FollowUpEntity>(await tables.FollowUpsAsync(default)));
        var order = Assert.Single(await RowsAsync<TableEntity>(await tables.OrdersAsync(default)));
        Assert.DoesNotContain("ada@example.com", System.Text.Encoding.UTF8.GetString(order.GetBinary("Document")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_order_resent_with_other_content_keeps_the_first_and_counts_once()
    {
        var token = App.Token();
        await App.PostOrderAsync(Outcomes.Order(lines: [Outcomes.Line("SD-128", "128 GB card", 2499, upsellToken: token)]));
        await App.PostOrderAsync(Outcomes.Order(lines: [Outcomes.Line("SD-128", "128 GB card", 2499, quantity: 3, upsellToken: token)]));

        foreach (var message in await App.OrderMessagesAsync())
        {
            await App.RecordOrderAsync(message);
        }

        var total = await App.Get<StatsReader>().TotalAsync(Control, default);
        Assert.Equal((1, 2499), (total.Orders, total.RevenueMinor));
        Assert.Contains(App.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("order-1 was sent again with other content", StringComparison.Ordinal));
    }

    private async Task<Http.Response> DecideCartAsync()
    {
        var request = Http.Json(new { sessionId = "session-1", visitorId = "visitor-1", cart = new[] { new { sku = "CAM-X100", category = "cameras", unitPrice = 89900, quantity = 1 } } });
        var function = ActivatorUtilities.CreateInstance<DecideOffersFunction>(App.Services);
        return await Http.ExecuteAsync(request, await function.DecideOffers(request, "cart", default));
    }

    private static async Task<List<T>> RowsAsync<T>(TableClient table) where T : class, ITableEntity, new()
    {
        var rows = new List<T>();
        await foreach (var row in table.QueryAsync<T>())
        {
            rows.Add(row);
        }

        return rows;
    }
}
