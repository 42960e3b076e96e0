namespace Upsell.Domain.Outcomes;

/// <summary>The running counts of a stats group over a span (a day, or all time).</summary>
public sealed record Counters
{
    /// <summary>Nothing counted.</summary>
    public static Counters Zero { get; } = new();

    /// <summary>Offers rendered.</summary>
    public long Impressions { get; init; }

    /// <summary>
    /// Unique visitors, counted on the day first seen: shown the offer (offer groups and segments), or asking for an
    /// offer (the holdout view).
    /// </summary>
    public long Visitors { get; init; }

    /// <summary>Clicks.</summary>
    public long Clicks { get; init; }

    /// <summary>Opens of a follow-up email by its reader.</summary>
    public long Opens { get; init; }

    /// <summary>Accepts.</summary>
    public long Accepts { get; init; }

    /// <summary>Visitors accepting for the first time (unique accepters).</summary>
    public long AcceptingVisitors { get; init; }

    /// <summary>Declines.</summary>
    public long Declines { get; init; }

    /// <summary>Prompts closed without an answer.</summary>
    public long Dismisses { get; init; }

    /// <summary>Orders that carried the offer.</summary>
    public long Orders { get; init; }

    /// <summary>Revenue those orders attributed, net of refunds, in minor units.</summary>
    public long RevenueMinor { get; init; }

    /// <summary>The sum over visitors of their net revenue, each capped at the configured amount.</summary>
    public long CappedRevenueMinor { get; init; }

    /// <summary>The sum over visitors of their capped net revenue squared, for variances.</summary>
    public double CappedRevenueSquares { get; init; }

    /// <summary>The sum over exposed visitors of their covariate (<see cref="VisitorStats.Covariate"/>, capped like revenue).</summary>
    public long CovariateSum { get; init; }

    /// <summary>The sum over exposed visitors of their covariate squared.</summary>
    public double CovariateSquares { get; init; }

    /// <summary>The sum over exposed visitors of their covariate times their capped net revenue.</summary>
    public double CovariateProducts { get; init; }

    /// <summary>The sum over exposed visitors of their earlier orders (<see cref="VisitorStats.EarlierOrders"/>).</summary>
    public long EarlierOrdersSum { get; init; }

    /// <summary>The sum over exposed visitors of their earlier orders squared.</summary>
    public double EarlierOrdersSquares { get; init; }

    /// <summary>The sum over exposed visitors of their earlier orders times their capped net revenue.</summary>
    public double EarlierOrdersProducts { get; init; }

    /// <summary>The sum over exposed visitors of their covariate times their earlier orders.</summary>
    public double CovariateCross { get; init; }

    /// <summary>
    /// A checkout-completion series' counters as a sample: its visitors shown an offer, each a 1 where they went on to
    /// order (an order counts capped at 1 per visitor).
    /// </summary>
    public Statistics.Sample AsCompletion() => Statistics.Sample.Binary(Visitors, Math.Min(CappedRevenueMinor, Visitors));

    /// <summary>Refunds recorded.</summary>
    public long Refunds { get; init; }

    /// <summary>Revenue refunded, in minor units (already taken out of <see cref="RevenueMinor"/>).</summary>
    public long RefundedMinor { get; init; }

    /// <summary>Storefront events that arrived, each event id once, counted or not (traffic quality).</summary>
    public long Received { get; init; }

    /// <summary>Accepts that arrived before their visitor was shown the offer in the group; held, not counted, until then.</summary>
    public long EarlyAccepts { get; init; }

    /// <summary>Accepts sooner after their decision than a shopper could read the offer; never counted as accepts.</summary>
    public long HastyAccepts { get; init; }

    /// <summary>The sum of two counts.</summary>
    public Counters Plus(Counters other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new Counters
        {
            Impressions = Impressions + other.Impressions,
            Visitors = Visitors + other.Visitors,
            Clicks = Clicks + other.Clicks,
            Opens = Opens + other.Opens,
            Accepts = Accepts + other.Accepts,
            AcceptingVisitors = AcceptingVisitors + other.AcceptingVisitors,
            Declines = Declines + other.Declines,
            Dismisses = Dismisses + other.Dismisses,
            Orders = Orders + other.Orders,
            RevenueMinor = RevenueMinor + other.RevenueMinor,
            CappedRevenueMinor = CappedRevenueMinor + other.CappedRevenueMinor,
            CappedRevenueSquares = CappedRevenueSquares + other.CappedRevenueSquares,
            CovariateSum = CovariateSum + other.CovariateSum,
            CovariateSquares = CovariateSquares + other.CovariateSquares,
            CovariateProducts = CovariateProducts + other.CovariateProducts,
            EarlierOrdersSum = EarlierOrdersSum + other.EarlierOrdersSum,
            EarlierOrdersSquares = EarlierOrdersSquares + other.EarlierOrdersSquares,
            EarlierOrdersProducts = EarlierOrdersProducts + other.EarlierOrdersProducts,
            CovariateCross = CovariateCross + other.CovariateCross,
            Refunds = Refunds + other.Refunds,
            RefundedMinor = RefundedMinor + other.RefundedMinor,
            Received = Received + other.Received,
            EarlyAccepts = EarlyAccepts + other.EarlyAccepts,
            HastyAccepts = HastyAccepts + other.HastyAccepts,
        };
    }
}
