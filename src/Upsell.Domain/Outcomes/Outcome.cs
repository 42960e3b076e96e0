namespace Upsell.Domain.Outcomes;

/// <summary>
/// One thing to count for a stats group. <see cref="Id"/> is what makes it count once: the client's event id, or
/// the order id for an attributed order.
/// </summary>
public sealed record Outcome(string Id, OutcomeType Type, string VisitorId, DateOnly Day, long RevenueMinor = 0);
