using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Upsell.Domain.Catalog;
using Upsell.Domain.Tokens;
using Upsell.Domain.Validation;
using Upsell.Functions.Http;
using Upsell.Infrastructure.Orders;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Queues;
using Upsell.Infrastructure.Tokens;

namespace Upsell.Functions.Orders;

/// <summary>
/// Checks an order or a refund in our own shape and queues it, whoever sent it: the commerce backend's webhook or a
/// shop platform's connector. What happens after the queue is the same for all of them.
/// </summary>
public sealed class OrderIntake(DecisionTokenSigner signer, UpsellQueues queues, TimeProvider time, TokenOptions tokens, RecordingOptions recording)
{
    /// <summary>
    /// 202 with the order's answer once queued, or 400 naming every bad field and nothing queued; by the sender's
    /// names for them where <paramref name="rename"/> gives them (a platform's connector).
    /// </summary>
    public async Task<IActionResult> ReceiveOrderAsync(OrderRequest order, CancellationToken cancellationToken, Func<IReadOnlyList<FieldError>, IReadOnlyList<FieldError>>? rename = null)
    {
        var (checkedOrder, errors) = Check(order);
        return checkedOrder is not { } valid
            ? Responses.Invalid(rename is null ? errors : rename(errors))
            : Accepted(await QueueOrderAsync(valid, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>202 with the refund's answer once queued, or 400 naming every bad field (as <paramref name="rename"/> names them) and nothing queued.</summary>
    public async Task<IActionResult> ReceiveRefundAsync(RefundRequest refund, OrderMessage order, CancellationToken cancellationToken, Func<IReadOnlyList<FieldError>, IReadOnlyList<FieldError>>? rename = null)
    {
        var (message, errors) = CheckRefund(refund, order);
        if (message is null)
        {
            return Responses.Invalid(rename is null ? errors : rename(errors));
        }

        await QueueRefundAsync(message, cancellationToken).ConfigureAwait(false);
        return Responses.Json(new RefundAccepted(order.OrderId, message.RefundId, message.Amount, message.UpsellRefunds(order).Sum(u => u.Amount)), ApiJson.Default.RefundAccepted, StatusCodes.Status202Accepted);
    }

    /// <summary>The order message an order request would become (and the tokens it ignores), without queueing it.</summary>
    public (CheckedOrder? Order, IReadOnlyList<FieldError> Errors) Check(OrderRequest order)
    {
        var (message, errors, ignored) = OrderRequestValidator.Validate(
            order, signer, time.GetUtcNow(), TimeSpan.FromMinutes(tokens.MaxAgeMinutes), TimeSpan.FromDays(tokens.EmailMaxAgeDays), recording.MaxClockSkew);
        return message is null ? (null, errors) : (new CheckedOrder(message, ignored), []);
    }

    /// <summary>Queues an order already checked, and gives its answer.</summary>
    public async Task<OrderAccepted> QueueOrderAsync(CheckedOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        await queues.SendOrderAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(order.Message, QueueJson.Default.OrderMessage)), cancellationToken).ConfigureAwait(false);
        return new OrderAccepted(order.Message.OrderId, order.Message.Upsells.Count, order.IgnoredTokens);
    }

    /// <summary>The refund message a refund request of the order would become, without queueing it.</summary>
    public (RefundMessage? Message, IReadOnlyList<FieldError> Errors) CheckRefund(RefundRequest refund, OrderMessage order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return RefundRequestValidator.Validate(refund, order, time.GetUtcNow(), recording.MaxClockSkew);
    }

    public Task QueueRefundAsync(RefundMessage message, CancellationToken cancellationToken) =>
        queues.SendRefundAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(message, QueueJson.Default.RefundMessage)), cancellationToken);

    public static ContentResult Accepted(OrderAccepted accepted) => Responses.Json(accepted, ApiJson.Default.OrderAccepted, StatusCodes.Status202Accepted);
}
