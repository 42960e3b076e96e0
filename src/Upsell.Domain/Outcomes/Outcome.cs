namespace Upsell.Domain.Outcomes;

/// <summary>
/// One thing to count for a stats group. <see cref="Id"/> is what makes it count once: the client's event id, or
/// the order id for an attributed order. <see cref="RevenueCapMinor"/> caps what one visitor's revenue adds to the
/// capped sums; with <see cref="ExposedOnly"/> it counts only for a visitor already exposed in the group.
/// <see cref="Covariate"/> and <see cref="EarlierOrders"/> are what an exposure knew before the offer (the cart's
/// value, in minor units, and the shopper's earlier orders; null when not known), for variance reduction
/// (<see cref="Statistics.Cuped"/>).
/// </summary>
public sealed record Outcome(
    string Id, OutcomeType Type, string VisitorId, DateOnly Day, long RevenueMinor = 0, long RevenueCapMinor = long.MaxValue, bool ExposedOnly = false, long? Covariate = null,
    int? EarlierOrders = null);
