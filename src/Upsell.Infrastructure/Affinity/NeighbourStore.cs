using System.Text.Json;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Affinity;

/// <summary>The neighbour lists in Table Storage (<see cref="NeighbourEntity"/>).</summary>
public sealed class NeighbourStore(UpsellTables tables)
{
    public async Task<IReadOnlyList<NeighbourList>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await tables.NeighboursAsync(cancellationToken).ConfigureAwait(false);
        var lists = new List<NeighbourList>();
        await foreach (var row in table.QueryAsync<NeighbourEntity>(e => e.PartitionKey == NeighbourEntity.Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey != NeighbourEntity.WatermarkRow)
            {
                lists.Add(ToList(row));
            }
        }

        return lists;
    }

    public async Task<NeighbourList?> GetAsync(string sku, CancellationToken cancellationToken)
    {
        var table = await tables.NeighboursAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<NeighbourEntity>(NeighbourEntity.Partition, AffinityKeys.Key(sku), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? ToList(row.Value!) : null;
    }

    public async Task SaveAsync(NeighbourList list, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(list);
        var table = await tables.NeighboursAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(new NeighbourEntity
        {
            RowKey = AffinityKeys.Key(list.Sku),
            Orders = list.Orders,
            TotalOrders = list.TotalOrders,
            ComputedAt = list.ComputedAt,
            Neighbours = JsonSerializer.Serialize([.. list.Neighbours], AffinityJson.Default.NeighbourArray),
        }, Azure.Data.Tables.TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>When the builder last started reading the counts; null before its first run.</summary>
    /// <summary>When the builder last started reading the counts, and when it last rebuilt every list; null: never.</summary>
    public async Task<(DateTimeOffset? Since, DateTimeOffset? FullRebuildAt)> WatermarkAsync(CancellationToken cancellationToken)
    {
        var table = await tables.NeighboursAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<NeighbourEntity>(NeighbourEntity.Partition, NeighbourEntity.WatermarkRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? (row.Value!.ComputedAt, row.Value.FullRebuildAt) : (null, null);
    }

    public async Task SetWatermarkAsync(DateTimeOffset at, DateTimeOffset? fullRebuildAt, CancellationToken cancellationToken)
    {
        var table = await tables.NeighboursAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(new NeighbourEntity { RowKey = NeighbourEntity.WatermarkRow, ComputedAt = at, FullRebuildAt = fullRebuildAt }, Azure.Data.Tables.TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private static NeighbourList ToList(NeighbourEntity row) =>
        new(AffinityKeys.Sku(row.RowKey), row.Orders, row.TotalOrders, row.ComputedAt, JsonSerializer.Deserialize(row.Neighbours, AffinityJson.Default.NeighbourArray) ?? []);
}
