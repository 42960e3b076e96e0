using System.Text;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Application.Catalog;
using Upsell.Domain.Decisions;
using Upsell.Domain.Orders;
using Upsell.Domain.Outcomes;
using Upsell.Domain.Tokens;
using Upsell.Functions.Offers;
using Upsell.Functions.Orders;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Queues;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>
/// One shopper's exposure, events, order and refund travel on three queues and may be recorded in any order, each
/// delivered twice: the counters (offer group and holdout view) must end the same every time.
/// </summary>
[Collection(UsesAzurite.Name)]
[Trait("Category", "Simulation")] // every arrival order of a recorded population
public sealed class ArrivalOrderTests(Azurite azurite) : AzuriteTest(azurite)
{
    public override async Task InitializeAsync() => await DemoCatalogSeeder.SeedAsync(App.Get<CatalogAdmin>(), default);

    [Fact]
    public async Task Every_order_of_recording_with_every_message_delivered_twice_gives_the_same_counters()
    {
        var (messages, group) = await ShopperJourneyAsync();
        var results = new List<(string Order, Counters Group, Counters Treated, Counters TreatedAll)>();

        foreach (var permutation in Permutations([.. messages.Keys]))
        {
            var settings = App.Settings.Where(s => s.Key != "Upsell:Storage:TablePrefix").Append(new("Upsell:Storage:TablePrefix", "p" + Guid.NewGuid().ToString("N")[..16]));
            await using var worker = new TestApp(Azurite, settings);
            await DeliverAsync(worker, [.. permutation.Select(name => (name, messages[name]))]);

            var reader = worker.Get<StatsReader>();
            results.Add((string.Join(" > ", permutation),
                await reader.TotalAsync(group, default),
                await ((ICounterSource)reader).SumAsync(StatsKeys.Programme(worker.Get<OfferEngine>().HoldoutPhase, false, "cart"), DateOnly.MinValue, DateOnly.MaxValue, default),
                await ((ICounterSource)reader).SumAsync(StatsKeys.Programme(worker.Get<OfferEngine>().HoldoutPhase, false, StatsKeys.AllMoments), DateOnly.MinValue, DateOnly.MaxValue, default)));
        }

        var lived = results.Single(r => r.Order == "exposure > events > order > refund");
        Assert.Equal((1, 1, 1, 1, 1, 0, 1), (lived.Group.Impressions, lived.Group.Visitors, lived.Group.Accepts, lived.Group.AcceptingVisitors, lived.Group.Orders, lived.Group.RevenueMinor, lived.Group.Refunds));
        Assert.Equal((1, 1, 92_398 - 2_999, 1), (lived.Treated.Visitors, lived.Treated.Orders, lived.Treated.RevenueMinor, lived.Treated.Refunds));
        Assert.All(results, r => Assert.True(r.Group == lived.Group && r.Treated == lived.Treated && r.TreatedAll == lived.TreatedAll,
            $"{r.Order}: group {r.Group}, treated {r.Treated}; expected {lived.Group}, {lived.Treated}"));
    }

    // The real HTTP functions make the messages (a queue may hand over a message twice, so each is the first seen): an offer request queues the exposure, the storefront its events,
    // the backend the order (with the upsell line) and then a refund of the upsell line.
    private async Task<(Dictionary<string, QueueMessage> Messages, StatsGroup Group)> ShopperJourneyAsync()
    {
        var request = Http.Json(new { sessionId = "session-1", visitorId = "visitor-1", device = "desktop", country = "DE", locale = "de-DE",
            cart = new[] { new { sku = "CAM-X100", category = "cameras", unitPrice = 89_900, quantity = 1, currency = "EUR" } } });
        var offer = await Http.ExecuteAsync(request, await ActivatorUtilities.CreateInstance<DecideOffersFunction>(App.Services).DecideOffers(request, "cart", default));
        Assert.True(offer.Status == 200, offer.Body);
        var token = offer.Json.GetProperty("offers")[0].GetProperty("token").GetString()!;
        Assert.True(App.Get<DecisionTokenSigner>().TryVerify(token, App.Clock.GetUtcNow(), TimeSpan.FromHours(1), out var decision, out _));
        var exposure = (await App.EventMessagesAsync())[0];

        App.Clock.Advance(Outcomes.ReadingTime); // the shopper reads the offer before taking it
        await App.PostEventsAsync(new { events = new[] { Outcomes.Event("impression", token), Outcomes.Event("accept", token) } });
        var events = (await App.EventMessagesAsync())[0];

        var order = Outcomes.Order(lines: [Outcomes.Line("CAM-X100", "X100 camera", 89_900), Outcomes.Line("SD-128", "Memory card", 2_999, upsellToken: token)]);
        Assert.Equal(202, (await App.PostOrderAsync(order)).Status);
        var orderMessage = (await App.OrderMessagesAsync())[0];
        await App.RecordOrderAsync(orderMessage);

        App.Clock.Advance(TimeSpan.FromHours(2));
        var body = JsonSerializer.SerializeToUtf8Bytes(new { refundId = "r-1", refundedAt = App.Clock.GetUtcNow().AddMinutes(-5), lines = new[] { new { line = 1, amount = 2_999 } } }, JsonSerializerOptions.Web);
        var refundRequest = Http.Request("POST", Encoding.UTF8.GetString(body),
            new Dictionary<string, string> { [OrderSignature.Header] = OrderSignature.Compute(body, Encoding.UTF8.GetBytes(App.Settings["Upsell:Orders:WebhookSecret"]!)) });
        var refund = await Http.ExecuteAsync(refundRequest, await ActivatorUtilities.CreateInstance<ReceiveRefundFunction>(App.Services).ReceiveRefund(refundRequest, "order-1", default));
        Assert.True(refund.Status == 202, refund.Body);
        var refundMessage = (await App.ReceiveAsync(App.Get<UpsellQueues>().RefundsName))[0];

        return (new() { ["exposure"] = exposure, ["events"] = events, ["order"] = orderMessage, ["refund"] = refundMessage }, StatsGroup.Of(decision!));
    }

    // Each message twice, in the given order; one whose function throws (a refund before its order is stored) comes
    // back after the others, as the host redelivers it.
    private static async Task DeliverAsync(TestApp worker, List<(string Name, QueueMessage Message)> deliveries)
    {
        var queue = new Queue<(string Name, QueueMessage Message, int Count)>(deliveries.SelectMany(d => new[] { (d.Name, d.Message, 1), (d.Name, d.Message, 2) }));
        var attempts = 0;
        while (queue.TryDequeue(out var delivery))
        {
            Assert.True(++attempts < 100, "a message never succeeded");
            try
            {
                var message = delivery.Message.Redelivered(delivery.Count);
                await (delivery.Name switch
                {
                    "order" => worker.RecordOrderAsync(message),
                    "refund" => ActivatorUtilities.CreateInstance<RecordRefundFunction>(worker.Services).RecordRefund(message, default),
                    _ => worker.RecordEventsAsync(message),
                });
            }
            catch (InvalidOperationException)
            {
                queue.Enqueue(delivery with { Count = delivery.Count + 2 });
            }
        }
    }

    private static IEnumerable<List<string>> Permutations(List<string> items) => items.Count <= 1
        ? [items]
        : items.SelectMany((item, i) => Permutations([.. items.Where((_, j) => j != i)]).Select(rest => (List<string>)[item, .. rest]));
}
