using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Upsell.Domain.Orders;
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
    TimeProvider time,
    IOptions<OrderOptions> orders,
    IOptions<TokenOptions> tokens,
    IOptions<RecordingOptions> recording)
{
    public const int MaxBytes = 32 * 1024;

    [Function(nameof(ReceiveOrder))]
    public async Task<IActionResult> ReceiveOrder(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (body, error) = await JsonBody.ReadBytesAsync(request, MaxBytes, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return Responses.Invalid([error]);
        }

        var secrets = orders.Value;
        if (!OrderSignature.Verify(body, request.Headers[OrderSignature.Header], secrets.SecretBytes, secrets.PreviousSecretBytes))
        {
            return Responses.Problem(StatusCodes.Status401Unauthorized, "The order is not signed",
                [new(OrderSignature.Header, "must be sha256= and the hex HMAC-SHA256 of the body under the webhook secret")]);
        }

        var (order, parseError) = JsonBody.Parse(body, ApiJson.Default.OrderRequest);
        if (parseError is not null)
        {
            return Responses.Invalid([parseError]);
        }

        var (message, errors, ignored) = OrderRequestValidator.Validate(
            order!, signer, time.GetUtcNow(), TimeSpan.FromMinutes(tokens.Value.MaxAgeMinutes), TimeSpan.FromDays(tokens.Value.EmailMaxAgeDays), recording.Value.MaxClockSkew);
        if (message is null)
        {
            return Responses.Invalid(errors);
        }

        await queues.SendOrderAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(message, QueueJson.Default.OrderMessage)), cancellationToken).ConfigureAwait(false);
        return Responses.Json(new OrderAccepted(message.OrderId, message.Upsells.Count, ignored), ApiJson.Default.OrderAccepted, StatusCodes.Status202Accepted);
    }
}
