using Upsell.Domain.Affinity;

namespace Upsell.Infrastructure.Affinity;

/// <summary>A SKU's learned neighbours as stored: the counts behind them and when they were computed.</summary>
public sealed record NeighbourList(string Sku, long Orders, long TotalOrders, DateTimeOffset ComputedAt, IReadOnlyList<Neighbour> Neighbours);
