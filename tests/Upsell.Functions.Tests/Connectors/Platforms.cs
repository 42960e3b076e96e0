using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Domain.Orders;
using Upsell.Functions.Connectors;
using Upsell.Tests;

namespace Upsell.Functions.Tests.Connectors;

/// <summary>Platform-shaped payloads (the JSON files beside this one) and their deliveries, signed as each platform signs them.</summary>
internal static class Platforms
{
    public const string Shop = "trail-co.myshopify.com";

    /// <summary>A payload file as a JSON tree, with the decision token in place of "TOKEN".</summary>
    public static JsonObject Payload(string name, string? token = null)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Connectors", name + ".json"));
        return JsonNode.Parse(token is null ? text : text.Replace("\"TOKEN\"", $"\"{token}\"", StringComparison.Ordinal))!.AsObject();
    }

    public static string ShopifySignature(this TestApp app, byte[] body) =>
        PlatformSignature.Compute(body, Encoding.UTF8.GetBytes(app.Settings["Upsell:Shopify:WebhookSecret"]!));

    public static string WooSignature(this TestApp app, byte[] body) =>
        PlatformSignature.Compute(body, Encoding.UTF8.GetBytes(app.Settings["Upsell:WooCommerce:WebhookSecret"]!));

    /// <summary>A Shopify delivery: the topic, shop and webhook id headers, signed unless <paramref name="sign"/> says otherwise.</summary>
    public static async Task<Http.Response> PostShopifyAsync(this TestApp app, string topic, JsonNode payload, Func<byte[], string?>? sign = null, string shop = Shop, string? webhookId = null) =>
        await app.PostShopifyAsync(topic, Encoding.UTF8.GetBytes(payload.ToJsonString()), sign, shop, webhookId);

    public static async Task<Http.Response> PostShopifyAsync(this TestApp app, string topic, byte[] body, Func<byte[], string?>? sign = null, string shop = Shop, string? webhookId = null)
    {
        var headers = new Dictionary<string, string>
        {
            [ReceiveShopifyWebhookFunction.TopicHeader] = topic,
            [ReceiveShopifyWebhookFunction.ShopHeader] = shop,
            [ReceiveShopifyWebhookFunction.WebhookIdHeader] = webhookId ?? Guid.NewGuid().ToString(),
            ["X-Shopify-API-Version"] = "2025-10",
            ["X-Shopify-Triggered-At"] = "2026-11-24T12:00:01Z",
        };
        if ((sign ?? app.ShopifySignature)(body) is { } signature)
        {
            headers[ReceiveShopifyWebhookFunction.SignatureHeader] = signature;
        }

        var request = Http.Request("POST", null, headers);
        request.Body = new MemoryStream(body);
        request.ContentLength = body.Length;
        var function = ActivatorUtilities.CreateInstance<ReceiveShopifyWebhookFunction>(app.Services);
        return await Http.ExecuteAsync(request, await function.ReceiveShopifyWebhook(request, default));
    }

    /// <summary>A WooCommerce delivery with its topic, resource, event and delivery id headers.</summary>
    public static async Task<Http.Response> PostWooAsync(this TestApp app, string topic, JsonNode payload, Func<byte[], string?>? sign = null)
    {
        var body = Encoding.UTF8.GetBytes(payload.ToJsonString());
        var headers = new Dictionary<string, string>
        {
            [ReceiveWooCommerceWebhookFunction.TopicHeader] = topic,
            ["X-WC-Webhook-Resource"] = topic.Split('.')[0],
            ["X-WC-Webhook-Event"] = topic.Split('.')[1],
            ["X-WC-Webhook-Source"] = "https://trail.example/",
            ["X-WC-Webhook-ID"] = "14",
            [ReceiveWooCommerceWebhookFunction.DeliveryHeader] = Guid.NewGuid().ToString("N"),
        };
        if ((sign ?? app.WooSignature)(body) is { } signature)
        {
            headers[ReceiveWooCommerceWebhookFunction.SignatureHeader] = signature;
        }

        return await app.SendWooAsync(body, headers);
    }

    public static async Task<Http.Response> SendWooAsync(this TestApp app, byte[] body, Dictionary<string, string> headers, string contentType = "application/json")
    {
        var request = Http.Request("POST", null, headers);
        request.Body = new MemoryStream(body);
        request.ContentLength = body.Length;
        request.ContentType = contentType;
        var function = ActivatorUtilities.CreateInstance<ReceiveWooCommerceWebhookFunction>(app.Services);
        return await Http.ExecuteAsync(request, await function.ReceiveWooCommerceWebhook(request, default));
    }

    /// <summary>Records the one order the connector queued, and gives it as queued.</summary>
    public static async Task<Infrastructure.Orders.OrderMessage> RecordTheOrderAsync(this TestApp app)
    {
        var message = Assert.Single(await app.OrderMessagesAsync());
        await app.RecordOrderAsync(message);
        return System.Text.Json.JsonSerializer.Deserialize(message.Body.ToMemory().Span, Infrastructure.Queues.QueueJson.Default.OrderMessage)!;
    }
}
