using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Affinity;

/// <summary>
/// One SKU's learned neighbours, as the builder last computed them: PartitionKey <see cref="Partition"/> (the lists
/// are read whole into memory), RowKey the SKU's key, the neighbours as JSON, best first, with the counts behind them.
/// The row <see cref="WatermarkRow"/> says when the builder last started reading the counts (ComputedAt) and when it
/// last rebuilt every list (<see cref="FullRebuildAt"/>).
/// </summary>
public sealed class NeighbourEntity : TableRow
{
    public const string Partition = "neighbours";
    public const string WatermarkRow = "~watermark";

    public NeighbourEntity() => PartitionKey = Partition;

    /// <summary>Orders holding the SKU.</summary>
    public long Orders { get; set; }

    /// <summary>All orders counted, when the list was computed.</summary>
    public long TotalOrders { get; set; }

    public DateTimeOffset ComputedAt { get; set; }

    /// <summary>On the watermark row: when every list was last rebuilt.</summary>
    public DateTimeOffset? FullRebuildAt { get; set; }

    /// <summary>The neighbours, as JSON.</summary>
    public string Neighbours { get; set; } = "[]";
}
