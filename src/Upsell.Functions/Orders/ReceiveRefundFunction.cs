using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Upsell.Application.Intake;
using Upsell.Application.Recording;
using Upsell.Domain.Validation;
using Upsell.Functions.Http;
using Upsell.Infrastructure.Orders;

namespace Upsell.Functions.Orders;

/// <summary>
/// <c>POST /api/orders/{id}/refunds</c>: the commerce backend reports a refund, signed like an order. It is checked
/// against the recorded order, queued and answered 202; reports then count the upsell revenue net of it.
/// </summary>
public sealed class ReceiveRefundFunction(
    OrderIntake intake,
    RefundRecorder refunds,
    IOptions<OrderOptions> orders)
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

        return await intake.ReceiveRefundAsync(refund!, order, cancellationToken).ConfigureAwait(false);
    }
}
