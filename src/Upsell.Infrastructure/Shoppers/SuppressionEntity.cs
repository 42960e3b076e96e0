using Azure;
using Azure.Data.Tables;

namespace Upsell.Infrastructure.Shoppers;

/// <summary>
/// What keeps offers away from a visitor: PartitionKey is the visitor id (one partition query per decision), RowKey
/// "decline:{offerId}" for a decline (Kind and At say what and when) or <see cref="OptOutRow"/>.
/// </summary>
public sealed class SuppressionEntity : ITableEntity
{
    public const string OptOutRow = "opt-out";
    public const string DeclinePrefix = "decline:";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>The declined offer's kind, as its wire name.</summary>
    public string? Kind { get; set; }

    public DateTimeOffset At { get; set; }
}
