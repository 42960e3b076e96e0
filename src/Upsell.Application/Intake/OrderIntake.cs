using System.Text.Json;
using Microsoft.Extensions.Options;
using Upsell.Domain.Tokens;
using Upsell.Domain.Validation;
using Upsell.Infrastructure.Orders;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Queues;
using Upsell.Infrastructure.Tokens;

namespace Upsell.Application.Intake;

/// <summary>
/// The intake rule: an order or a refund in our own shape is checked and queued, whoever sent it (the commerce
/// backend's webhook or a shop platform's connector); what happens after the queue is the same for all of them. Its
/// HTTP answers are the Functions project's <c>IntakeAnswers</c>.
/// </summary>
public sealed class OrderIntake(DecisionTokenSigner signer, UpsellQueues queues, RefundLedger ledger, TimeProvider time, IOptions<TokenOptions> tokenOptions, IOptions<RecordingOptions> recordingOptions)
{
    private readonly TokenOptions _tokens = tokenOptions.Value;
    private readonly RecordingOptions _recording = recordingOptions.Value;

    /// <summary>The order message an order request would become (and the tokens it ignores), without queueing it.</summary>
    public (CheckedOrder? Order, IReadOnlyList<FieldError> Errors) Check(OrderRequest order)
    {
        var (message, errors, ignored) = OrderRequestValidator.Validate(
            order, signer, time.GetUtcNow(), TimeSpan.FromMinutes(_tokens.MaxAgeMinutes), TimeSpan.FromDays(_tokens.EmailMaxAgeDays), _recording.MaxClockSkew);
        return message is null ? (null, errors) : (new CheckedOrder(message, ignored), []);
    }

    /// <summary>Queues an order already checked, and gives its answer.</summary>
    public async Task<OrderAccepted> QueueOrderAsync(CheckedOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        await queues.SendOrderAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(order.Message, QueueJson.Default.OrderMessage)), cancellationToken).ConfigureAwait(false);
        return new OrderAccepted(order.Message.OrderId, order.Message.Upsells.Count, order.IgnoredTokens);
    }

    /// <summary>
    /// The refund message a refund request of the order would become, without queueing it: checked against what the
    /// order's earlier refunds left of each line (a resent refund is not counted against itself).
    /// </summary>
    public async Task<(RefundMessage? Message, IReadOnlyList<FieldError> Errors)> CheckRefundAsync(RefundRequest refund, OrderMessage order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refund);
        ArgumentNullException.ThrowIfNull(order);
        var refundedBefore = await ledger.RefundedAsync(order.OrderId, refund.RefundId, cancellationToken).ConfigureAwait(false);
        return RefundRequestValidator.Validate(refund, order, refundedBefore, time.GetUtcNow(), _recording.MaxClockSkew);
    }

    /// <summary>Queues a refund already checked, then notes its lines, so the next refund of a line gets what is left.</summary>
    public async Task QueueRefundAsync(RefundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await queues.SendRefundAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(message, QueueJson.Default.RefundMessage)), cancellationToken).ConfigureAwait(false);
        await ledger.NoteAsync(message.OrderId, message.RefundId, message.Lines.Select(l => (l.Line, l.Amount)), cancellationToken).ConfigureAwait(false);
    }
}
