using System.Globalization;
using Upsell.Domain.Money;
using Upsell.Domain.Statistics;

namespace Upsell.Domain.Bandits;

/// <summary>
/// When a bandit is called. An arm is called best only once a group-sequential test of its period-weighted
/// estimate against every other arm's has crossed its boundary on a completed day (alpha split over the pairs, spent
/// over the planned days), so a bandit looked at every day names a false best arm no more often than a fixed test
/// does; the chance of being best that moves the traffic is shown beside it, never called on. The first call
/// stays. A sequential sample-ratio alarm before the call means do not decide; after it, the call stands with a
/// warning. With no call by the last planned day the bandit is inconclusive; before it, it keeps running (and says
/// whether it is still exploring). A called arm the checkout guardrail refused stays the best on its metric, and the
/// verdict says not to ship it, as an experiment's does.
/// </summary>
public static class BanditVerdict
{
    private static readonly CultureInfo Text = CultureInfo.InvariantCulture;

    /// <summary>
    /// The call on the arms as the analysis found them: <paramref name="call"/> is the arm called and the index of the
    /// completed day that called it; <paramref name="sampleRatioDay"/> the day the sample-ratio alarm fired;
    /// <paramref name="guardrail"/> each variant's checkout completion against control (empty where not judged).
    /// </summary>
    public static Verdict Judge(
        IReadOnlyList<BanditArm> arms, Metric metric, bool burnedIn, (int Arm, int Look)? call, int? sampleRatioDay, double srmP, int daysJudged, BanditOptions options, ReportOptions report,
        IReadOnlyList<GuardrailResult>? guardrail = null)
    {
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        var name = metric == Metric.AcceptanceRate ? "acceptance rate" : "revenue per visitor";
        var callDay = call is { } c ? c.Look + 1 : (int?)null;
        var broken = string.Format(Text, "sequential sample-ratio test p = {0:G3}", srmP);
        var leader = arms.OrderByDescending(a => a.ChanceToBeBest).ThenBy(a => a.Key, StringComparer.Ordinal).First();
        if (sampleRatioDay is { } alarm && (callDay is null || alarm < callDay))
        {
            return new Verdict(VerdictKind.SampleRatioMismatch, null, string.Format(Text,
                "Do not decide: since day {0}, visitors have not been reaching the arms in the split the bandit set ({1}), so these numbers cannot be trusted. Check targeting and tracking first. What the data show: {2} leads with a {3:0.#%} chance of the highest {4}.",
                alarm, broken, leader.Key, leader.ChanceToBeBest, name));
        }

        if (call is { } called)
        {
            var arm = arms[called.Arm];
            var since = sampleRatioDay is { } later
                ? string.Format(Text, " Since day {0}, though, visitors have not been reaching the arms in the split the bandit set ({1}): check targeting and tracking before acting on it.", later, broken)
                : string.Empty;
            var best = string.Format(Text,
                "{0} is the best arm: its {1} is above every other arm's, and the always-valid test says so (decided on day {2}); a {3:0.#%} chance of being best, and choosing it risks an expected loss of {4}.",
                called.Arm == 0 ? "Control" : "Variant " + arm.Key, name, callDay, arm.ChanceToBeBest, Loss(arm.ExpectedLoss, metric, report.Currency));
            var advice = guardrail?.FirstOrDefault(g => g.Variant == arm.Key) is { RefusedOnDay: not null } refused
                ? " " + ExperimentVerdict.CostsOrders(refused, report.GuardrailMargin)
                : " Ship it.";
            return new Verdict(called.Arm == 0 ? VerdictKind.ControlWins : VerdictKind.VariantWins, arm.Key, best + advice + since);
        }

        if (daysJudged >= report.PlannedDays)
        {
            return new Verdict(VerdictKind.Inconclusive, null, string.Format(Text,
                "Inconclusive: the {0} planned days are over and no arm was shown above every other on {1}. The bandit keeps sending most visitors to the likely best ({2}, a {3:0.#%} chance), so it keeps earning; start a new phase to test again.",
                report.PlannedDays, name, leader.Key, leader.ChanceToBeBest));
        }

        if (!burnedIn)
        {
            return new Verdict(VerdictKind.KeepRunning, null, string.Format(Text,
                "Keep running: the bandit is still exploring. Every arm needs {0:N0} visitors before it moves traffic; the fewest so far has {1:N0}.",
                options.BurnInVisitors, arms.Min(a => a.Estimate.Pooled.Count)));
        }

        return new Verdict(VerdictKind.KeepRunning, null, string.Format(Text,
            "Keep running: {0} leads with a {1:0.#%} chance of the highest {2}, not yet shown above every other arm ({3} of the {4} planned days judged); the bandit keeps sending most visitors to the likely best meanwhile.",
            leader.Key, leader.ChanceToBeBest, name, daysJudged, report.PlannedDays));
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
