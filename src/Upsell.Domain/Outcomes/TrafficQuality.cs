namespace Upsell.Domain.Outcomes;

/// <summary>
/// The signs of one arm's traffic that a script leaves and shoppers do not (docs/merchant.md, "Traffic quality"):
/// storefront events per shown decision, accepts that came before the offer was shown (early) or sooner after the
/// decision than a shopper reads (hasty), and new visitors and accepters per network (hashed address bucket).
/// </summary>
public sealed record ArmTraffic(string Key, Counters Counts, long Networks, long AcceptingNetworks)
{
    /// <summary>Storefront events per shown decision (an impression, then perhaps a click and an answer).</summary>
    public double EventsPerDecision => Ratio(Counts.Received, Counts.Impressions);

    /// <summary>Accepts that arrived at all, counted or not.</summary>
    public long AcceptsReceived => Counts.Accepts + Counts.HastyAccepts + Counts.EarlyAccepts;

    /// <summary>The share of accepts that arrived before their offer was shown.</summary>
    public double EarlyShare => Ratio(Counts.EarlyAccepts, AcceptsReceived);

    /// <summary>The share of accepts that came sooner after the decision than a shopper reads the offer.</summary>
    public double HastyShare => Ratio(Counts.HastyAccepts, AcceptsReceived);

    /// <summary>New visitors per network the arm's impressions came from.</summary>
    public double VisitorsPerNetwork => Ratio(Counts.Visitors, Networks);

    /// <summary>Accepting visitors per network the arm's accepts came from.</summary>
    public double AcceptersPerNetwork => Ratio(Counts.AcceptingVisitors + Counts.HastyAccepts, AcceptingNetworks);

    private static double Ratio(double part, double whole) => whole > 0 ? part / whole : 0;
}

/// <summary>One sign of an arm that departs from the other arms', as a merchant reads it.</summary>
public sealed record TrafficSign(string Arm, string Sign, double Value, double Others, string Text);

/// <summary>
/// When an arm's traffic departs from the others': a sign at least <see cref="Factor"/> times the other arms' (or, for
/// an arm alone, than ordinary shopper traffic), above a floor shoppers stay under, on enough events to tell. Any such
/// sign flags the arm; a flagged arm's verdict is not acted on until the merchant has looked.
/// </summary>
public static class TrafficQuality
{
    /// <summary>How many times the other arms' value a sign must reach.</summary>
    public const double Factor = 3;

    /// <summary>Accepts an arm needs before its accept signs are read.</summary>
    public const long MinAccepts = 20;

    /// <summary>Shown decisions an arm needs before its events and visitors are read.</summary>
    public const long MinImpressions = 50;

    /// <summary>Every sign of every arm that departs from the rest.</summary>
    public static IReadOnlyList<TrafficSign> Signs(IReadOnlyList<ArmTraffic> arms)
    {
        ArgumentNullException.ThrowIfNull(arms);
        var signs = new List<TrafficSign>();
        foreach (var arm in arms)
        {
            var others = arms.Where(a => a.Key != arm.Key).ToList();
            var pooled = others.Count == 0 ? null : new ArmTraffic("others", others.Aggregate(Counters.Zero, (sum, a) => sum.Plus(a.Counts)), others.Sum(a => a.Networks), others.Sum(a => a.AcceptingNetworks));
            if (arm.AcceptsReceived >= MinAccepts)
            {
                Check(signs, arm.Key, "early-accepts", arm.EarlyShare, pooled?.EarlyShare ?? 0.02, 0.2, "{0:P0} of accepts came before the offer was shown (others: {1:P0})");
                Check(signs, arm.Key, "hasty-accepts", arm.HastyShare, pooled?.HastyShare ?? 0.02, 0.2, "{0:P0} of accepts came faster than a shopper reads (others: {1:P0})");
                if (arm.AcceptingNetworks > 0)
                {
                    Check(signs, arm.Key, "accepters-per-network", arm.AcceptersPerNetwork, pooled?.AcceptersPerNetwork is > 0 and var p ? p : 1.2, 3, "{0:0.#} accepters per network (others: {1:0.#})");
                }
            }

            if (arm.Counts.Impressions >= MinImpressions)
            {
                Check(signs, arm.Key, "events-per-decision", arm.EventsPerDecision, pooled?.EventsPerDecision is > 0 and var e ? e : 2, 5, "{0:0.#} events per shown offer (others: {1:0.#})");
                if (arm.Networks > 0)
                {
                    Check(signs, arm.Key, "visitors-per-network", arm.VisitorsPerNetwork, pooled?.VisitorsPerNetwork is > 0 and var v ? v : 1.2, 5, "{0:0.#} new visitors per network (others: {1:0.#})");
                }
            }
        }

        return signs;
    }

    private static void Check(List<TrafficSign> signs, string arm, string sign, double value, double others, double floor, string text)
    {
        if (value >= floor && value >= Factor * others)
        {
            signs.Add(new TrafficSign(arm, sign, value, others, string.Format(System.Globalization.CultureInfo.InvariantCulture, text, value, others)));
        }
    }
}
