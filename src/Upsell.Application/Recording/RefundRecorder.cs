using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Upsell.Domain.Decisions;
using Upsell.Domain.Outcomes;
using Upsell.Domain.Validation;
using Upsell.Infrastructure.Orders;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Queues;
using Upsell.Infrastructure.Storage;

namespace Upsell.Application.Recording;

/// <summary>
/// Records one message of the refunds queue: the refunded part of each upsell line comes out of its offer group and
/// segment, and the whole refund out of the holdout view, once per refund id. Reports read revenue net of refunds.
/// </summary>
public sealed partial class RefundRecorder(
    UpsellTables tables,
    StatsWriter writer,
    OrderMarkers markers,
    OfferEngine engine,
    UpsellQueues queues,
    IOptions<RecordingOptions> recording,
    ILogger<RefundRecorder> logger)
{
    /// <summary>The order as recorded, or null when no order has that id (yet).</summary>
    public async Task<OrderMessage?> FindOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        var table = await tables.OrdersAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<OrderEntity>(orderId, OrderEntity.Row, ["Document"], cancellationToken).ConfigureAwait(false);
        return row.HasValue ? JsonSerializer.Deserialize(row.Value!.Document, QueueJson.Default.OrderMessage) : null;
    }

    public async Task RecordAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        RefundMessage? refund;
        try
        {
            refund = JsonSerializer.Deserialize(message.Body.ToMemory().Span, QueueJson.Default.RefundMessage);
        }
        catch (JsonException e)
        {
            await queues.PoisonAsync(queues.RefundsName, message, $"not a refund message: {e.Message}", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (refund is null || !Fields.IsId(refund.OrderId) || !Fields.IsId(refund.RefundId) || refund.Lines is not { Count: > 0 })
        {
            await queues.PoisonAsync(queues.RefundsName, message, "not a complete refund", cancellationToken).ConfigureAwait(false);
            return;
        }

        // The HTTP function checked the order exists, so a miss is storage lag or a lost order: retry, then poison.
        var order = await FindOrderAsync(refund.OrderId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Order {refund.OrderId} of refund {refund.RefundId} is not recorded.");
        if (order.Test)
        {
            LogTestRefund(refund.RefundId, refund.OrderId);
            return;
        }

        var id = $"{refund.OrderId}:{refund.RefundId}";
        var day = DateOnly.FromDateTime(refund.RefundedAt.UtcDateTime);
        var caps = recording.Value;
        var upsells = refund.UpsellRefunds(order).Select(u => (u.Upsell.Decision.ToToken()!, u.Amount));
        var counted = Attribution.OfOffers(upsells, id, OutcomeType.Refund, day, refund.RefundedAt, refund.ReceivedAt, caps.RevenueCapMinor)
            .Concat(order.Customer.VisitorId is { } visitor
                ? Attribution.OfProgramme(engine.HoldoutPhase, engine.IsHeldOut(visitor), visitor, id, OutcomeType.Refund, refund.Amount, day, refund.RefundedAt, refund.ReceivedAt, caps.OrderValueCapMinor)
                : [])
            .ToList();
        await markers.NoteAsync(refund.OrderId, counted.Select(writer.PartitionOf), cancellationToken).ConfigureAwait(false);
        await writer.CountAsync(counted, message.DequeueCount > 1, cancellationToken).ConfigureAwait(false);
        LogRecorded(refund.RefundId, refund.OrderId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refund {RefundId} of test order {OrderId} counts nowhere")]
    private partial void LogTestRefund(string refundId, string orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recorded refund {RefundId} of order {OrderId}")]
    private partial void LogRecorded(string refundId, string orderId);
}
