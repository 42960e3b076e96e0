using Upsell.Domain.Outcomes;

namespace Upsell.Application.Reports;

/// <summary>
/// Counters with the rates a merchant reads: acceptance rate (accepting visitors per visitor), click-through
/// (clicks per impression; for a follow-up email, opens are counted beside them), revenue per visitor (net of refunds,
/// capped per visitor) and average order value.
/// </summary>
public sealed record Totals(
    long Visitors,
    long Impressions,
    long Clicks,
    long Opens,
    long Accepts,
    long AcceptingVisitors,
    long Declines,
    long Dismisses,
    long Orders,
    long RevenueMinor,
    long Refunds,
    long RefundedMinor,
    double AcceptanceRate,
    double ClickThroughRate,
    double RevenuePerVisitor,
    double AverageOrderValue)
{
    public static Totals Of(Counters c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(
            c.Visitors, c.Impressions, c.Clicks, c.Opens, c.Accepts, c.AcceptingVisitors, c.Declines, c.Dismisses, c.Orders, c.RevenueMinor, c.Refunds, c.RefundedMinor,
            Ratio(Math.Min(c.AcceptingVisitors, c.Visitors), c.Visitors),
            Ratio(c.Clicks, c.Impressions),
            Ratio(c.CappedRevenueMinor, c.Visitors),
            Ratio(c.RevenueMinor, c.Orders));
    }

    private static double Ratio(double part, double whole) => whole > 0 ? part / whole : 0;
}
