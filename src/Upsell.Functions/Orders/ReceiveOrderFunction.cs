using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Upsell.Domain.Tokens;
using Upsell.Functions.Http;
using Upsell.Infrastructure.Orders;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Queues;
using Upsell.Infrastructure.Tokens;

namespace Upsell.Functions.Orders;

/// <summary>
/// <c>POST /api/orders</c>: the commerce backend's order webhook. The HMAC signature over the raw body is the
/// authentication; a signed, valid order is queued and answered 202 at once.
/// </summary>
public sealed class ReceiveOrderFunction(
    DecisionTokenSigner signer,
    UpsellQueues queues,
    RefundLedger ledger,
    TimeProvider time,
    IOptions<OrderOptions> orders,
    IOptions<TokenOptions> tokens,
    IOptions<RecordingOptions> recording)
{
    private readonly OrderIntake _intake = new(signer, queues, ledger, time, tokens.Value, recording.Value);

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

        return await _intake.ReceiveOrderAsync(order!, cancellationToken).ConfigureAwait(false);
    }
}
