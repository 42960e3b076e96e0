using Upsell.Infrastructure.Outcomes;

namespace Upsell.Infrastructure.Orders;

/// <summary>An order line that came from an accepted offer: its verified decision and the revenue it brought.</summary>
public sealed record UpsellMessage(int Line, QueuedDecision Decision, long Revenue);
