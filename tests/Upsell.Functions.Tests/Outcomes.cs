using System.Text;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Domain.Offers;
using Upsell.Domain.Orders;
using Upsell.Domain.Tokens;
using Upsell.Functions.Events;
using Upsell.Functions.Orders;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Queues;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>Tokens, event batches, signed orders and queue deliveries, as the storefront, the backend and the host make them.</summary>
internal static class Outcomes
{
    /// <summary>
    /// A decision token as the offer function signs it: for the demo catalog's offer and its product, issued
    /// <see cref="ReadingTime"/> before the clock's now unless said otherwise, as a shopper reads an offer before
    /// acting on it.
    /// </summary>
    public static string Token(this TestApp app, string offerId = "cam-sd-card", string visitor = "visitor-1", string? experiment = "cart-sd-card-price",
        string? variant = "control", Moment moment = Moment.Cart, DateTimeOffset? issuedAt = null, string? network = null) =>
        app.Get<DecisionTokenSigner>().Sign(new DecisionToken(
            Guid.NewGuid().ToString("N"), offerId, experiment, experiment is null ? null : 1, experiment is null ? null : variant, moment,
            visitor, $"session-of-{visitor}", issuedAt ?? app.Clock.GetUtcNow() - ReadingTime, Product: ProductOf(offerId), AddressBucket: network));

    /// <summary>How long before an event its token was issued, unless a test says otherwise.</summary>
    public static readonly TimeSpan ReadingTime = TimeSpan.FromSeconds(10);

    private static readonly Lazy<IReadOnlyDictionary<string, (string? Sku, string? ExternalId)>> DemoProducts = new(() =>
        Infrastructure.Catalog.DemoCatalog.Load().Offers.ToDictionary(o => o.Id!, o => (o.Sku, o.ExternalId)));

    /// <summary>The product mark of a demo offer; an offer id not in the demo catalog names the SKU of that name.</summary>
    public static string? ProductOf(string offerId) =>
        DemoProducts.Value.TryGetValue(offerId, out var product) ? OfferedProduct.Mark(product.Sku, product.ExternalId) : OfferedProduct.Mark(offerId, null);

    /// <summary>The SKU an order line of a demo offer's product carries; an offer id not in the demo catalog is its own SKU.</summary>
    public static string SkuOf(string offerId) => DemoProducts.Value.TryGetValue(offerId, out var product) && product.Sku is { } sku ? sku : offerId;

    /// <summary>A token that looks right but was signed with another key.</summary>
    public static string ForgedToken() =>
        new DecisionTokenSigner(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).Sign(
            new DecisionToken("d-forged", "cam-sd-card", null, null, null, Moment.Cart, "visitor-1", "session-1", TestApp.Start));

    public static object Event(string type, string token, string? id = null, DateTimeOffset? at = null) =>
        new { id = id ?? Guid.NewGuid().ToString(), type, at = at ?? TestApp.Start, token };

    public static Task<IReadOnlyList<QueueMessage>> EventMessagesAsync(this TestApp app) => app.ReceiveAsync(app.Get<UpsellQueues>().EventsName);

    public static Task<IReadOnlyList<QueueMessage>> OrderMessagesAsync(this TestApp app) => app.ReceiveAsync(app.Get<UpsellQueues>().OrdersName);

    public static Task<IReadOnlyList<QueueMessage>> PoisonMessagesAsync(this TestApp app, string queue) => app.ReceiveAsync(queue + UpsellQueues.PoisonSuffix);

    /// <summary>Takes every message off a queue, as the host does before it calls the function.</summary>
    public static async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(this TestApp app, string queueName)
    {
        var queue = await app.Get<UpsellQueues>().GetAsync(queueName, default);
        var messages = new List<QueueMessage>();
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
            if (batch.Length == 0)
            {
                return messages;
            }

            messages.AddRange(batch);
        }
    }

    /// <summary>The same message delivered again, as the host hands it over after a failed or lost first attempt.</summary>
    public static QueueMessage Redelivered(this QueueMessage message, long dequeueCount) =>
        QueuesModelFactory.QueueMessage(message.MessageId, message.PopReceipt, message.Body, dequeueCount, message.NextVisibleOn, message.InsertedOn, message.ExpiresOn);

    /// <summary>An events message as the HTTP function would have queued it, for tests that start at the queue.</summary>
    public static QueueMessage EventMessage(EventMessage message, string? id = null) =>
        QueuesModelFactory.QueueMessage(id ?? Guid.NewGuid().ToString(), "pop", new BinaryData(JsonSerializer.SerializeToUtf8Bytes(message, QueueJson.Default.EventMessage)), 1);

    public static async Task<Http.Response> PostEventsAsync(this TestApp app, object body, string contentType = "application/json")
    {
        var request = Http.Json(body);
        request.ContentType = contentType;
        var function = ActivatorUtilities.CreateInstance<CollectEventsFunction>(app.Services);
        return await Http.ExecuteAsync(request, await function.CollectEvents(request, default));
    }

    public static object Order(string orderId = "order-1", bool consent = true, string? email = "ada@example.com", DateTimeOffset? placedAt = null,
        params object[] lines) => new
        {
            orderId,
            placedAt = placedAt ?? TestApp.Start,
            currency = "EUR",
            total = 92398,
            lines = lines.Length > 0 ? lines : [Line("CAM-X100", "X100 camera", 89900)],
            customer = new { email, marketingConsent = consent, locale = "de-DE", timeZone = "Europe/Berlin", visitorId = "visitor-1" },
        };

    public static object Line(string sku, string name, long unitPrice, int quantity = 1, string? upsellToken = null) =>
        new { sku, name, unitPrice, quantity, upsellToken };

    public static async Task<Http.Response> PostOrderAsync(this TestApp app, object order, Func<byte[], string?>? sign = null)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(order, JsonSerializerOptions.Web);
        var secret = Encoding.UTF8.GetBytes(app.Settings["Upsell:Orders:WebhookSecret"]!);
        var signature = sign is null ? OrderSignature.Compute(body, secret) : sign(body);
        var request = Http.Request("POST", Encoding.UTF8.GetString(body), signature is null ? null : new Dictionary<string, string> { [OrderSignature.Header] = signature });
        var function = ActivatorUtilities.CreateInstance<ReceiveOrderFunction>(app.Services);
        return await Http.ExecuteAsync(request, await function.ReceiveOrder(request, default));
    }

    public static async Task<Http.Response> PostRefundAsync(this TestApp app, string orderId, object refund, bool sign = true)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(refund, JsonSerializerOptions.Web);
        var headers = sign
            ? new Dictionary<string, string> { [OrderSignature.Header] = OrderSignature.Compute(body, Encoding.UTF8.GetBytes(app.Settings["Upsell:Orders:WebhookSecret"]!)) }
            : null;
        var request = Http.Request("POST", Encoding.UTF8.GetString(body), headers);
        return await Http.ExecuteAsync(request, await ActivatorUtilities.CreateInstance<ReceiveRefundFunction>(app.Services).ReceiveRefund(request, orderId, default));
    }

    /// <summary>The demo experiment's control arm at the cart, where <see cref="Token"/>'s defaults count.</summary>
    public static readonly Domain.Outcomes.StatsGroup DemoControl = new(Moment.Cart, "cart-sd-card-price", 1, "control", "cam-sd-card");

    /// <summary>Records every message waiting on the events queue, as the host would.</summary>
    public static async Task RecordQueuedEventsAsync(this TestApp app)
    {
        foreach (var message in await app.EventMessagesAsync())
        {
            await app.RecordEventsAsync(message);
        }
    }

    public static async Task RecordEventsAsync(this TestApp app, QueueMessage message) =>
        await ActivatorUtilities.CreateInstance<RecordEventsFunction>(app.Services).RecordEvents(message, default);

    public static async Task RecordOrderAsync(this TestApp app, QueueMessage message) =>
        await ActivatorUtilities.CreateInstance<RecordOrderFunction>(app.Services).RecordOrder(message, default);
}
