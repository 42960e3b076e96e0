using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Upsell.Application.Erasure;
using Upsell.Application.Intake;
using Upsell.Application.Recording;
using Upsell.Domain.Validation;
using Upsell.Functions.Http;
using Upsell.Functions.Orders;
using Upsell.Infrastructure.Connectors;
using Upsell.Infrastructure.Orders;
using Upsell.Infrastructure.Queues;
using Upsell.Infrastructure.Telemetry;

namespace Upsell.Functions.Connectors;

/// <summary>
/// <c>POST /api/connectors/shopify</c>: every webhook topic of the Shopify app, told apart by X-Shopify-Topic.
/// The signature is the authentication, checked before anything is read; orders and refunds are queued as
/// <c>/api/orders</c> queues them, so Shopify's 5-second limit is never near. A redelivery counts once: orders and
/// refunds are recorded on Shopify's ids.
/// </summary>
public sealed partial class ReceiveShopifyWebhookFunction(
    OrderIntake intake,
    RefundRecorder refunds,
    RefundLedger ledger,
    CustomerEraser customers,
    OrderCancellations cancellations,
    UpsellQueues queues,
    TimeProvider time,
    IOptions<ShopifyOptions> shopify,
    ILogger<ReceiveShopifyWebhookFunction> logger)
{
    public const string SignatureHeader = "X-Shopify-Hmac-Sha256";
    public const string TopicHeader = "X-Shopify-Topic";
    public const string ShopHeader = "X-Shopify-Shop-Domain";
    public const string WebhookIdHeader = "X-Shopify-Webhook-Id";


    [Function(nameof(ReceiveShopifyWebhook))]
    public async Task<IActionResult> ReceiveShopifyWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "connectors/shopify")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = shopify.Value;
        var (topic, json, refusal) = await PlatformWebhook.ReadAsync(request, new PlatformEndpoint(
            "Shopify", "Upsell__Shopify__WebhookSecret", SignatureHeader, TopicHeader, options.SecretBytes, options.PreviousSecretBytes), cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!string.Equals(request.Headers[ShopHeader], options.ShopDomain, StringComparison.OrdinalIgnoreCase))
        {
            return Responses.Problem(StatusCodes.Status401Unauthorized, "The webhook is from another shop", [new(ShopHeader, $"must be {options.ShopDomain}")]);
        }

        var deliveryId = request.Headers[WebhookIdHeader].ToString();
        LogDelivery(new LogValue(topic), new LogValue(deliveryId));
        return topic switch
        {
            _ when topic == options.OrderTopic => await OrderAsync(json, cancellationToken).ConfigureAwait(false),
            "refunds/create" => await RefundAsync(json, cancellationToken).ConfigureAwait(false),
            "orders/cancelled" => await CancelAsync(json, cancellationToken).ConfigureAwait(false),
            "customers/redact" => await RedactCustomerAsync(json, cancellationToken).ConfigureAwait(false),
            "customers/data_request" => DataRequest(json),
            "shop/redact" => await EraseShopAsync(cancellationToken).ConfigureAwait(false),
            _ => Noted(topic, $"not recorded: orders come from {options.OrderTopic}"),
        };
    }

    private async Task<IActionResult> OrderAsync(System.Text.Json.JsonElement json, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var order = ShopifyOrder.ToRequest(json, errors);
        if (errors.Count > 0)
        {
            return Responses.Invalid(errors);
        }

        return await intake.ReceiveOrderAsync(order, cancellationToken, e => PlatformFields.Named(e, PlatformFields.ShopifyOrder)).ConfigureAwait(false);
    }

    // A cancelled order gets no follow-up; its refunds, if any, come as refunds/create.
    private async Task<IActionResult> CancelAsync(System.Text.Json.JsonElement json, CancellationToken cancellationToken)
    {
        if (ShopifyOrder.OrderId(json.Text("id")) is not { } orderId || !Fields.IsId(orderId))
        {
            return Responses.Invalid("id", "is required");
        }

        await cancellations.CancelAsync(orderId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return Noted("orders/cancelled", "noted: the order gets no follow-up email");
    }

    // An order not recorded yet is a 404, which Shopify retries (up to 8 times over 4 hours) until it is.
    private async Task<IActionResult> RefundAsync(System.Text.Json.JsonElement json, CancellationToken cancellationToken)
    {
        if (ShopifyOrder.OrderId(json.Text("order_id")) is not { } orderId || !Fields.IsId(orderId))
        {
            return Responses.Invalid("order_id", "is required");
        }

        if (await refunds.FindOrderAsync(orderId, cancellationToken).ConfigureAwait(false) is not { } order)
        {
            return Responses.Problem(StatusCodes.Status404NotFound, "No such order", [new("order_id", "names no recorded order yet; Shopify retries")]);
        }

        var (errors, adjustments) = (new List<FieldError>(), new List<string>());
        var refundedBefore = await ledger.RefundedAsync(orderId, json.Text("id"), cancellationToken).ConfigureAwait(false);
        var refund = ShopifyRefund.ToRequest(json, order, refundedBefore, errors, adjustments);
        var refundId = refund.RefundId ?? "(none)";
        foreach (var adjustment in adjustments)
        {
            LogRefundAdjusted(orderId, new LogValue(refundId), new LogValue(adjustment));
        }

        if (errors.Count > 0)
        {
            return Responses.Invalid(errors);
        }

        if (refund.Lines is not { Count: > 0 })
        {
            return Noted("refunds/create", "refunds no recorded order line, so no upsell revenue changes");
        }

        // Clocks apart: a refund's time before the order's is taken as the order's, one ahead of ours as now.
        var now = time.GetUtcNow();
        refund = refund.RefundedAt is { } at && (at < order.PlacedAt || at > now) ? refund with { RefundedAt = at > now ? now : order.PlacedAt } : refund;
        return await intake.ReceiveRefundAsync(refund, order, cancellationToken, e => PlatformFields.Named(e, PlatformFields.ShopifyRefund)).ConfigureAwait(false);
    }

    // The deletion can outlast Shopify's 5 seconds, so it is queued (EraseShopFunction) and the webhook answered at once.
    private async Task<IActionResult> EraseShopAsync(CancellationToken cancellationToken)
    {
        await queues.SendShopErasureAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return Responses.Json(new WebhookNoted("shop/redact", "queued: every stored order, follow-up, address and visitor row is deleted"), ApiJson.Default.WebhookNoted, StatusCodes.Status202Accepted);
    }

    // The customer's address and everything found through it, and the orders Shopify names (orders_to_redact), with
    // or without an address: their follow-ups, their visitors' state and the stored orders.
    private async Task<IActionResult> RedactCustomerAsync(System.Text.Json.JsonElement json, CancellationToken cancellationToken)
    {
        var email = json.Get("customer")?.Text("email");
        var orderIds = json.Items("orders_to_redact")
            .Select(id => id.ValueKind is System.Text.Json.JsonValueKind.Number or System.Text.Json.JsonValueKind.String ? ShopifyOrder.OrderId(id.ToString()) : null)
            .OfType<string>().ToList();
        if (email is null && orderIds.Count == 0)
        {
            return Noted("customers/redact", "no email address and no orders, so nothing is stored for this customer");
        }

        var erased = await customers.EraseAsync(email, orderIds, cancellationToken).ConfigureAwait(false);
        return Responses.Json(erased, ApiJson.Default.ErasureResult);
    }

    // Everything stored for a customer is listed in docs/merchant.md's data inventory; the request id lets the merchant match the export.
    private ContentResult DataRequest(System.Text.Json.JsonElement json)
    {
        var id = json.Get("data_request")?.Text("id");
        LogDataRequest(id ?? "(none)");
        return Responses.Json(new WebhookNoted("customers/data_request", "logged; see docs/merchant.md (data inventory) for the data kept and how to export it", id), ApiJson.Default.WebhookNoted);
    }

    private static ContentResult Noted(string topic, string outcome) => Responses.Json(new WebhookNoted(topic, outcome), ApiJson.Default.WebhookNoted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shopify webhook {Topic}, delivery {WebhookId}")]
    private partial void LogDelivery(LogValue topic, LogValue webhookId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shopify refund {RefundId} of {OrderId} taken as it fits the recorded order: {Adjustment}")]
    private partial void LogRefundAdjusted(string orderId, LogValue refundId, LogValue adjustment);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shopify customers/data_request {RequestId}: export the customer's follow-ups and orders for the merchant")]
    private partial void LogDataRequest(string requestId);
}
