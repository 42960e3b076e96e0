namespace Upsell.Functions.Affinity;

/// <summary>
/// A SKU's learned neighbours as <c>GET /api/manage/affinity/{sku}</c> answers: the orders holding it, all orders
/// counted, when the list was computed (null before it ever was), the measure, and each neighbour best first.
/// </summary>
public sealed record AffinityAnswer(string Sku, long Orders, long TotalOrders, DateTimeOffset? ComputedAt, string Measure, IReadOnlyList<NeighbourAnswer> Neighbours)
{
    public const string MeasureText = "shrunk log-lift (BCPNN information component): log2((together + k) / (orders of SKU x orders of neighbour / all orders + k)); pairs below the minimum support, or no more often together than chance, have no score";
}

/// <summary>One neighbour: its SKU, score, the orders holding both, the orders holding it, and the plain lift.</summary>
public sealed record NeighbourAnswer(string Sku, double Score, long Together, long Orders, double Lift);
