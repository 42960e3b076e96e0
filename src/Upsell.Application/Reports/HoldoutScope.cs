
namespace Upsell.Application.Reports;

/// <summary>
/// Treated visitors against the global holdout at one moment (or "all"): order value per visitor (capped) and average
/// order value, net of refunds; the lift of treated over holdout is the programme's true incremental lift. Coverage:
/// of all the orders placed in the range (<see cref="Orders"/>), how many came from a shopper shown an offer there
/// (<see cref="OrdersShownAnOffer"/>), and that share (null with no orders).
/// </summary>
public sealed record HoldoutScope(string Scope, Totals Treated, Totals Holdout, ComparisonReport RevenuePerVisitorLift, long Orders, long OrdersShownAnOffer)
{
    /// <summary>The share of orders whose shopper was shown an offer at this moment (or any).</summary>
    public double? Coverage => Orders > 0 ? (double)OrdersShownAnOffer / Orders : null;
}
