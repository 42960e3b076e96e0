namespace Upsell.Domain.Outcomes;

/// <summary>
/// The counting rules: what one outcome adds to its group's counters, given the visitor so far. The rules make the
/// counters a function of the set of outcomes recorded, not of the order they arrive in (with two exceptions, below):
/// <list type="bullet">
/// <item>an exposed-only outcome (an order or refund in the holdout view, an accept or click in an offer group) of a
/// visitor not exposed yet is held in the visitor row and counted, on its own day, when the exposure arrives; an accept
/// held so also counts, when it arrives, as an early accept of traffic quality (the second exception: early is a fact of
/// arrival);</item>
/// <item>a refund that finds less revenue than it takes out is held until the order it refunds is counted;</item>
/// <item>a visitor counts as a unique (and as an accepter) on the earliest day recorded: an earlier outcome arriving
/// late moves the count to its day;</item>
/// <item>capped revenue sums telescope, so they end the same in any order;</item>
/// <item>a visitor's covariate is the one of their earliest exposure that knew one, the smallest on that day (a cart
/// only grows with accepted offers); a sooner one arriving late takes its sums with it. The sums are the same in any
/// order in total; per day, the product of covariate and revenue counts on the revenue's day, or on the exposure's
/// when the revenue was recorded first.</item>
/// </list>
/// A visitor holds at most <see cref="MaxHeld"/> outcomes; past that one more counts nothing, as it would never be
/// released in time to matter (a visitor with that many orders and no exposure at a moment is not a shopper).
/// </summary>
public static class Tally
{
    /// <summary>The most outcomes one visitor row holds.</summary>
    public const int MaxHeld = 32;

    /// <summary>Whether the storefront may report this type (orders, refunds and exposures come from the server).</summary>
    public static bool IsStorefrontEvent(OutcomeType type) =>
        type is not (OutcomeType.Order or OutcomeType.Refund or OutcomeType.Exposure or OutcomeType.Received or OutcomeType.HastyAccept or OutcomeType.Open);

    /// <summary>Whether an event message may carry this type: the storefront's events, and a follow-up email's open.</summary>
    public static bool IsQueuedEvent(OutcomeType type) => IsStorefrontEvent(type) || type == OutcomeType.Open;

    /// <summary>The counters one outcome adds per day (with any held outcomes it releases), and the visitor after it.</summary>
    public static Tallied Count(Outcome outcome, VisitorStats visitor)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(visitor);
        var days = new Dictionary<DateOnly, Counters>();
        if (!CanCount(outcome, visitor))
        {
            if (outcome.Type == OutcomeType.Accept)
            {
                Add(days, outcome.Day, new Counters { EarlyAccepts = 1 });
            }

            return new Tallied(days, visitor.Held.Count >= MaxHeld ? visitor : visitor with { Held = Hold(visitor.Held, outcome) });
        }

        visitor = Apply(outcome, visitor, days);
        while (visitor.Held.FirstOrDefault(held => CanCount(held, visitor)) is { } released)
        {
            visitor = Apply(released, visitor with { Held = [.. visitor.Held.Where(h => !ReferenceEquals(h, released))] }, days);
        }

        return new Tallied(days, visitor);
    }

    private static bool CanCount(Outcome outcome, VisitorStats visitor) =>
        (!outcome.ExposedOnly || visitor.Exposed) && (outcome.Type != OutcomeType.Refund || outcome.RevenueMinor <= visitor.RevenueMinor);

    // Orders before refunds, then by day and id: the order releases happen in does not depend on arrival.
    private static List<Outcome> Hold(IReadOnlyList<Outcome> held, Outcome outcome) =>
        [.. held.Append(outcome).OrderBy(h => h.Type == OutcomeType.Refund).ThenBy(h => h.Day).ThenBy(h => h.Id, StringComparer.Ordinal)];

    private static VisitorStats Apply(Outcome outcome, VisitorStats visitor, Dictionary<DateOnly, Counters> days)
    {
        var day = outcome.Day;
        switch (outcome.Type)
        {
            case OutcomeType.Impression:
                Add(days, day, new Counters { Impressions = 1 });
                return Known(Seen(visitor, day, days), visitor, outcome, days);
            case OutcomeType.Exposure:
                return Known(Seen(visitor, day, days), visitor, outcome, days);
            case OutcomeType.Click:
                Add(days, day, new Counters { Clicks = 1 });
                return visitor;
            case OutcomeType.Accept:
                Add(days, day, new Counters { Accepts = 1 });
                return AcceptedOn(visitor, day, days);
            case OutcomeType.Decline:
                Add(days, day, new Counters { Declines = 1 });
                return visitor;
            case OutcomeType.Open:
                Add(days, day, new Counters { Opens = 1 });
                return visitor;
            case OutcomeType.Dismiss:
                Add(days, day, new Counters { Dismisses = 1 });
                return visitor;
            case OutcomeType.Order:
                return Revenue(new Counters { Orders = 1 }, visitor, outcome.RevenueMinor, outcome.RevenueCapMinor, day, days);
            case OutcomeType.Refund:
                return Revenue(new Counters { Refunds = 1, RefundedMinor = outcome.RevenueMinor }, visitor, -outcome.RevenueMinor, outcome.RevenueCapMinor, day, days);
            case OutcomeType.Received:
                Add(days, day, new Counters { Received = 1 });
                return visitor;
            case OutcomeType.HastyAccept:
                Add(days, day, new Counters { HastyAccepts = 1 });
                return visitor;
            default:
                throw new ArgumentOutOfRangeException(nameof(outcome), outcome.Type, "Unknown outcome type.");
        }
    }

    private static VisitorStats Seen(VisitorStats visitor, DateOnly day, Dictionary<DateOnly, Counters> days) =>
        visitor with { Exposed = true, SeenOn = Unique(visitor.Exposed, visitor.SeenOn, day, days, n => new Counters { Visitors = n }) };

    /// <summary>
    /// Earlier orders above this count as this many for variance reduction: a wholesale buyer's thousands of orders
    /// would otherwise steer the slope. Any cap leaves the adjusted estimate unbiased.
    /// </summary>
    public const long EarlierOrdersCap = 100;

    // The covariate sums of what the visitor's exposure knew (the cart's value, absent as 0 when only earlier orders
    // were known, and the earlier orders): on the day it is from, each value, square and product with the visitor's
    // capped revenue so far, and their product. What an earlier exposure knew (or, the same day, a smaller cart, then
    // fewer orders) replaces what is held, and moves the sums, so the counters end the same in any order.
    private static VisitorStats Known(VisitorStats seen, VisitorStats before, Outcome outcome, Dictionary<DateOnly, Counters> days)
    {
        if (outcome.Covariate is null && outcome.EarlierOrders is null)
        {
            return seen;
        }

        var (cart, orders) = (Math.Clamp(outcome.Covariate ?? 0, 0, outcome.RevenueCapMinor), Math.Clamp(outcome.EarlierOrders ?? 0, 0, EarlierOrdersCap));
        if (before.Covariate is { } held && before.CovariateOn is { } heldOn
            && (heldOn, held, before.EarlierOrders ?? 0).CompareTo((outcome.Day, cart, orders)) <= 0)
        {
            return seen;
        }

        var revenue = (double)Math.Min(before.RevenueMinor, outcome.RevenueCapMinor);
        if (before.Covariate is { } replaced && before.CovariateOn is { } replacedOn)
        {
            Add(days, replacedOn, Covariates(replaced, before.EarlierOrders ?? 0, revenue, -1));
        }

        Add(days, outcome.Day, Covariates(cart, orders, revenue, 1));
        return seen with { Covariate = cart, CovariateOn = outcome.Day, EarlierOrders = orders };
    }

    private static Counters Covariates(long cart, long orders, double revenue, int sign) => new()
    {
        CovariateSum = sign * cart,
        CovariateSquares = sign * (double)cart * cart,
        CovariateProducts = sign * cart * revenue,
        EarlierOrdersSum = sign * orders,
        EarlierOrdersSquares = sign * (double)orders * orders,
        EarlierOrdersProducts = sign * orders * revenue,
        CovariateCross = sign * (double)cart * orders,
    };

    private static VisitorStats AcceptedOn(VisitorStats visitor, DateOnly day, Dictionary<DateOnly, Counters> days) =>
        visitor with { Accepted = true, AcceptedOn = Unique(visitor.Accepted, visitor.AcceptedOn, day, days, n => new Counters { AcceptingVisitors = n }) };

    // A unique counts once, on the earliest day recorded: the first time adds one on its day, and an earlier day
    // arriving later moves it there. Rows older than the day field (null) keep the day they were counted on.
    private static DateOnly? Unique(bool counted, DateOnly? on, DateOnly day, Dictionary<DateOnly, Counters> days, Func<long, Counters> unique)
    {
        if (!counted)
        {
            Add(days, day, unique(1));
            return day;
        }

        if (on is { } first && day < first)
        {
            Add(days, first, unique(-1));
            Add(days, day, unique(1));
            return day;
        }

        return on;
    }

    // The visitor's revenue moves by change; the capped sums move by what the cap lets through, so one big spender
    // adds no more than the cap to the mean and its square to the variance.
    private static VisitorStats Revenue(Counters counts, VisitorStats visitor, long change, long cap, DateOnly day, Dictionary<DateOnly, Counters> days)
    {
        var after = visitor.RevenueMinor + change;
        var (cappedBefore, cappedAfter) = ((double)Math.Min(visitor.RevenueMinor, cap), (double)Math.Min(after, cap));
        Add(days, day, counts with
        {
            RevenueMinor = change,
            CappedRevenueMinor = (long)(cappedAfter - cappedBefore),
            CappedRevenueSquares = cappedAfter * cappedAfter - cappedBefore * cappedBefore,
            CovariateProducts = visitor.Covariate is { } covariate ? covariate * (cappedAfter - cappedBefore) : 0,
            EarlierOrdersProducts = visitor.Covariate is not null ? (visitor.EarlierOrders ?? 0) * (cappedAfter - cappedBefore) : 0,
        });
        return visitor with { RevenueMinor = after };
    }

    private static void Add(Dictionary<DateOnly, Counters> days, DateOnly day, Counters delta) =>
        days[day] = days.TryGetValue(day, out var sum) ? sum.Plus(delta) : delta;
}
