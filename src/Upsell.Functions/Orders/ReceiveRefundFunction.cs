using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Upsell.Domain.Catalog;
using Upsell.Functions.Http;
using Upsell.Infrastructure.Orders;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Queues;

namespace Upsell.Functions.Orders;

/// <summary>
/// <c>POST /api/orders/{id}/refunds</c>: the commerce backend reports a refund, signed like an order. It is checked
/// against the recorded order, queued and answered 202; reports then count the upsell revenue net of it.
/// </summary>
public sealed class ReceiveRefundFunction(
    RefundRecorder refunds,
    UpsellQueues queues,
    TimeProvider time,
    IOptions<OrderOptions> orders,
    IOptions<RecordingOptions> recording)
{
    [Function(nameof(ReceiveRefund))]
    public async Task<IActionResult> ReceiveRefund(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders/{orderId}/refunds")] HttpRequest request,
        string orderId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (refund, refusal) = await SignedWebhook.ReadAsync(request, ApiJson.Default.RefundRequest, orders.Value, "refund", cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!Fields.IsId(orderId))
        {
            return Responses.Invalid("orderId", "is not an order id");
        }

        if (await refunds.FindOrderAsync(orderId, cancellationToken).ConfigureAwait(false) is not { } order)
        {
            return Responses.Problem(StatusCodes.Status404NotFound, "No such order",
                [new("orderId", "names no recorded order; send the order first, or retry once it has been recorded")]);
        }

        var (message, errors) = RefundRequestValidator.Validate(refund!, order, time.GetUtcNow(), recording.Value.MaxClockSkew);
        if (message is null)
        {
            return Responses.Invalid(errors);
        }

        await queues.SendRefundAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(message, QueueJson.Default.RefundMessage)), cancellationToken).ConfigureAwait(false);
        var upsellAmount = message.UpsellRefunds(order).Sum(u => u.Amount);
        return Responses.Json(new RefundAccepted(order.OrderId, message.RefundId, message.Amount, upsellAmount), ApiJson.Default.RefundAccepted, StatusCodes.Status202Accepted);
    }
}
