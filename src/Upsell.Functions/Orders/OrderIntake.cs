using System.Text.Json;
using Upsell.Domain.Catalog;
using Upsell.Domain.Tokens;
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
    /// <summary>The order as queued and its answer, or every field error and nothing queued.</summary>
    public async Task<(OrderMessage? Message, OrderAccepted? Accepted, IReadOnlyList<FieldError> Errors)> QueueOrderAsync(OrderRequest order, CancellationToken cancellationToken)
    {
        var (message, errors) = Check(order);
        if (message is null)
        {
            return (null, null, errors);
        }

        await queues.SendOrderAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(message.Value.Message, QueueJson.Default.OrderMessage)), cancellationToken).ConfigureAwait(false);
        return (message.Value.Message, new OrderAccepted(message.Value.Message.OrderId, message.Value.Message.Upsells.Count, message.Value.Ignored), []);
    }

    /// <summary>The order message an order request would become, without queueing it.</summary>
    public ((OrderMessage Message, IReadOnlyList<FieldError> Ignored)? Order, IReadOnlyList<FieldError> Errors) Check(OrderRequest order)
    {
        var (message, errors, ignored) = OrderRequestValidator.Validate(
            order, signer, time.GetUtcNow(), TimeSpan.FromMinutes(tokens.MaxAgeMinutes), TimeSpan.FromDays(tokens.EmailMaxAgeDays), recording.MaxClockSkew);
        return message is null ? (null, errors) : ((message, ignored), []);
    }

    /// <summary>The refund's answer once queued, or every field error and nothing queued.</summary>
    public async Task<(RefundAccepted? Accepted, IReadOnlyList<FieldError> Errors)> QueueRefundAsync(RefundRequest refund, OrderMessage order, CancellationToken cancellationToken)
    {
        var (message, errors) = CheckRefund(refund, order);
        if (message is null)
        {
            return (null, errors);
        }

        await QueueRefundAsync(message, cancellationToken).ConfigureAwait(false);
        return (new RefundAccepted(order.OrderId, message.RefundId, message.Amount, message.UpsellRefunds(order).Sum(u => u.Amount)), []);
    }

    /// <summary>The refund message a refund request of the order would become, without queueing it.</summary>
    public (RefundMessage? Message, IReadOnlyList<FieldError> Errors) CheckRefund(RefundRequest refund, OrderMessage order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return RefundRequestValidator.Validate(refund, order, time.GetUtcNow(), recording.MaxClockSkew);
    }

    public Task QueueRefundAsync(RefundMessage message, CancellationToken cancellationToken) =>
        queues.SendRefundAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(message, QueueJson.Default.RefundMessage)), cancellationToken);
}
