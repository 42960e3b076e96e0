using Upsell.Domain;
using Upsell.Domain.Outcomes;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Outcomes;

/// <summary>
/// A recorded event or attributed order, as it arrived, in its stats partition (see <see cref="CounterEntity"/>):
/// RowKey "event|{decision}:{offer}:{type}" (one per token and event type), "received|{eventId}", "order|{orderId}",
/// "refund|{orderId}:{refundId}" or "exposure|{moment}:{sessionId}" (or "exposure|{decision}:{offer}:impression"). Its
/// existence is what makes a second delivery count nothing; event, received and exposure markers expire once nothing
/// can arrive for them any more (Upsell.Application.Retention.RowExpiry).
/// </summary>
public sealed class MarkerEntity : TableRow
{
    /// <summary>The row key of an order's marker starts with this, then the order id.</summary>
    public const string OrderPrefix = "order|";

    /// <summary>The row key of a refund's marker starts with this, then "{orderId}:{refundId}".</summary>
    public const string RefundPrefix = "refund|";

    public string Type { get; set; } = string.Empty;

    public string VisitorId { get; set; } = string.Empty;

    public string SessionId { get; set; } = string.Empty;

    public string DecisionId { get; set; } = string.Empty;

    /// <summary>When it happened: the shopper's clock for events, placed-at for orders.</summary>
    public DateTimeOffset At { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public long RevenueMinor { get; set; }

    public static string RowOf(Outcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Type switch
        {
            OutcomeType.Order => OrderPrefix,
            OutcomeType.Refund => RefundPrefix,
            OutcomeType.Exposure => "exposure|",
            OutcomeType.Received => "received|",
            _ => "event|",
        } + outcome.Id;
    }

    public static MarkerEntity From(string partitionKey, StatsRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new MarkerEntity
        {
            PartitionKey = partitionKey,
            RowKey = RowOf(record.Outcome),
            Type = Wire.Name(record.Outcome.Type),
            VisitorId = record.Outcome.VisitorId,
            SessionId = record.SessionId,
            DecisionId = record.DecisionId,
            At = record.At,
            ReceivedAt = record.ReceivedAt,
            RevenueMinor = record.Outcome.RevenueMinor,
        };
    }
}
