namespace Upsell.Domain.Affinity;

/// <summary>A product that goes with another: its SKU, its score (<see cref="AffinityScore"/>), the orders holding both and the orders holding it.</summary>
public sealed record Neighbour(string Sku, double Score, long Together, long Orders);
