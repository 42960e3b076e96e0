using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Upsell.Domain.Catalog;
using Upsell.Domain.Orders;
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
        var (body, error) = await JsonBody.ReadBytesAsync(request, ReceiveOrderFunction.MaxBytes, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return Responses.Invalid([error]);
        }

        var secrets = orders.Value;
        if (!OrderSignature.Verify(body, request.Headers[OrderSignature.Header], secrets.SecretBytes, secrets.PreviousSecretBytes))
        {
            return Responses.Problem(StatusCodes.Status401Unauthorized, "The refund is not signed",
                [new(OrderSignature.Header, "must be sha256= and the hex HMAC-SHA256 of the body under the webhook secret")]);
        }

        var (refund, parseError) = JsonBody.Parse(body, ApiJson.Default.RefundRequest);
        if (parseError is not null)
        {
            return Responses.Invalid([parseError]);
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
        var upsellLines = order.Upsells.ToDictionary(u => u.Line, u => u.Revenue);
        var upsellAmount = message.Lines.GroupBy(l => l.Line).Sum(g => upsellLines.TryGetValue(g.Key, out var revenue) ? Math.Min(revenue, g.Sum(l => l.Amount)) : 0);
        return Responses.Json(new RefundAccepted(order.OrderId, message.RefundId, message.Lines.Sum(l => l.Amount), upsellAmount), ApiJson.Default.RefundAccepted, StatusCodes.Status202Accepted);
    }
}
