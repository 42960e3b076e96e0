using Azure;
using Azure.Data.Tables;

namespace Upsell.Infrastructure.Storage;

/// <summary>What every row of every table has: its keys, the service's timestamp and the ETag writes are checked against.</summary>
public abstract class TableRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }
}
