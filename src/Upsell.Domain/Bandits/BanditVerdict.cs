using System.Globalization;
using Upsell.Domain.Money;
using Upsell.Domain.Statistics;

namespace Upsell.Domain.Bandits;

/// <summary>
/// When a bandit is called: not while it explores (an arm below the burn-in), and then once the leader's chance of
/// being the best arm reaches the threshold (95% by default). The call names the arm, that chance and the expected
/// loss of choosing it, in the metric's own terms. A sample-ratio mismatch against the weights each period was split
/// by comes first, as for a fixed test.
/// </summary>
public static class BanditVerdict
{
    private static readonly CultureInfo Text = CultureInfo.InvariantCulture;

    /// <summary>The call on the arms as the analysis found them.</summary>
    public static Verdict Judge(IReadOnlyList<BanditArm> arms, Metric metric, bool burnedIn, bool mismatch, double srmP, BanditOptions options, string currency)
    {
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(options);
        var name = metric == Metric.AcceptanceRate ? "acceptance rate" : "revenue per visitor";
        if (mismatch)
        {
            return new Verdict(VerdictKind.SampleRatioMismatch, null, string.Format(Text,
                "Do not decide: visitors are not reaching the arms in the split the bandit set (sample-ratio test p = {0:G3}), so these numbers cannot be trusted. Check targeting and tracking first.",
                srmP));
        }

        if (!burnedIn)
        {
            return new Verdict(VerdictKind.KeepRunning, null, string.Format(Text,
                "Keep running: the bandit is still exploring. Every arm needs {0:N0} visitors before it moves traffic; the fewest so far has {1:N0}.",
                options.BurnInVisitors, arms.Min(a => a.Estimate.Pooled.Count)));
        }

        var leader = arms.OrderByDescending(a => a.ChanceToBeBest).ThenBy(a => a.Key, StringComparer.Ordinal).First();
        if (leader.ChanceToBeBest >= options.Threshold)
        {
            var kind = leader == arms[0] ? VerdictKind.ControlWins : VerdictKind.VariantWins;
            return new Verdict(kind, leader.Key, string.Format(Text,
                "{0} is the best arm: a {1:0.#%} chance of the highest {2}, and choosing it risks an expected loss of {3}. Ship it.",
                leader == arms[0] ? "Control" : "Variant " + leader.Key, leader.ChanceToBeBest, name, Loss(leader.ExpectedLoss, metric, currency)));
        }

        return new Verdict(VerdictKind.KeepRunning, null, string.Format(Text,
            "Keep running: {0} leads with a {1:0.#%} chance of the highest {2}; the bandit calls it at {3:0.#%}, and keeps sending most visitors to the likely best meanwhile.",
            leader.Key, leader.ChanceToBeBest, name, options.Threshold));
    }

    private static string Loss(double loss, Metric metric, string currency)
    {
        if (metric == Metric.AcceptanceRate)
        {
            return loss * 100 < 0.001 ? "under 0.001 percentage points of acceptance" : string.Format(Text, "{0:0.###} percentage points of acceptance", loss * 100);
        }

        var major = loss / Math.Pow(10, CurrencyExponent.Of(currency));
        return major < 0.0001 ? string.Format(Text, "under {0} 0.0001 per visitor", currency) : string.Format(Text, "{0} {1:0.####} per visitor", currency, major);
    }
}
