using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Catalog;

/// <summary>
/// One offer or experiment: PartitionKey is the constant <see cref="Partition"/> (the catalog is read whole, and
/// seldom: every refresh interval per instance), RowKey is the offer id or experiment key, Document its JSON.
/// </summary>
public sealed class CatalogEntity : TableRow
{
    public const string Partition = "catalog";

    public CatalogEntity() => PartitionKey = Partition;

    public string Document { get; set; } = string.Empty;
}
