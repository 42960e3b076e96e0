using Azure;
using Azure.Data.Tables;

namespace Upsell.Infrastructure.Catalog;

/// <summary>
/// One offer or experiment: PartitionKey is the constant <see cref="Partition"/> (the catalog is read whole, and
/// seldom: every refresh interval per instance), RowKey is the offer id or experiment key, Document its JSON.
/// </summary>
public sealed class CatalogEntity : ITableEntity
{
    public const string Partition = "catalog";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Document { get; set; } = string.Empty;
}
