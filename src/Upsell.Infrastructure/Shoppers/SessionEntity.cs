using Azure;
using Azure.Data.Tables;

namespace Upsell.Infrastructure.Shoppers;

/// <summary>
/// The prompts one browsing session has seen: PartitionKey is the session id (a point read and write per
/// decision, spread over as many partitions as there are sessions), RowKey the constant <see cref="Row"/>.
/// </summary>
public sealed class SessionEntity : ITableEntity
{
    public const string Row = "prompts";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>Wire names of the moments that showed offers, comma-separated.</summary>
    public string Moments { get; set; } = string.Empty;

    public string VisitorId { get; set; } = string.Empty;

    public DateTimeOffset LastPromptAt { get; set; }
}
