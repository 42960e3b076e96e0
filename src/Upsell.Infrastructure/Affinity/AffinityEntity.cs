using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Affinity;

/// <summary>
/// One co-purchase count (<see cref="AffinityKeys"/>): in a product's partition, RowKey the other product's key and
/// Count the orders holding both; in an order-count partition, RowKey a product's key and Count the orders holding
/// it, or <see cref="AffinityKeys.TotalRow"/> and Count every order. A marker row ("!{orderId}") says the order is
/// counted in the partition. <see cref="CountedAt"/> is when a count last went up.
/// </summary>
public sealed class AffinityEntity : TableRow
{
    public long Count { get; set; }

    public DateTimeOffset CountedAt { get; set; }
}
