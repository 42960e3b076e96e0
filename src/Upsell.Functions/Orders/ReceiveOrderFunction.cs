using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Upsell.Application.Intake;
using Upsell.Functions.Http;
using Upsell.Infrastructure.Orders;

namespace Upsell.Functions.Orders;

/// <summary>
/// <c>POST /api/orders</c>: the commerce backend's order webhook. The HMAC signature over the raw body is the
/// authentication; a signed, valid order is queued and answered 202 at once.
/// </summary>
public sealed class ReceiveOrderFunction(
    OrderIntake intake,
    IOptions<OrderOptions> orders)
{

    [Function(nameof(ReceiveOrder))]
    public async Task<IActionResult> ReceiveOrder(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (order, refusal) = await SignedWebhook.ReadAsync(request, ApiJson.Default.OrderRequest, orders.Value, "order", cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        return await intake.ReceiveOrderAsync(order!, cancellationToken).ConfigureAwait(false);
    }
}
