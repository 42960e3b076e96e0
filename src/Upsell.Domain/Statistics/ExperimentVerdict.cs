using System.Globalization;

namespace Upsell.Domain.Statistics;

/// <summary>
/// Why an experiment got its verdict. The days of the phase are gone through in order, and the first of these that
/// happens decides, for good within the phase:
/// <list type="bullet">
/// <item>a variant crosses the upper boundary on the primary metric: that variant wins (the largest difference,
/// if several cross the same day);</item>
/// <item>every variant has crossed the lower boundary: control wins;</item>
/// <item>every variant's always-valid interval lies inside ± the minimum effect: no detectable difference;</item>
/// <item>the sequential sample-ratio check fires: do not decide.</item>
/// </list>
/// A sample-ratio alarm after a decision keeps the decision and says the split has broken since; one before says
/// what the data showed. With no decision by the last planned day the test is inconclusive; before it, keep running.
/// The secondary metric is shown beside the primary one and never changes the verdict. A winner that the checkout
/// guardrail refuses (<see cref="CheckoutGuardrail"/>) stays the winner on its metric, and the verdict says not to
/// ship it and why.
/// </summary>
public static class ExperimentVerdict
{
    private static readonly CultureInfo Text = CultureInfo.InvariantCulture;

    /// <summary>
    /// The call. <paramref name="tests"/> are the variants' sequential tests on the primary metric, whose look
    /// indexes point into <paramref name="days"/>; <paramref name="sampleRatioAt"/> the look where the sample-ratio
    /// check fired.
    /// </summary>
    public static Verdict Judge(
        IReadOnlyList<VariantResult> variants, IReadOnlyList<SequentialResult> tests, IReadOnlyList<int> days, int? sampleRatioAt, double sampleRatioP, Metric primary, ReportOptions options,
        IReadOnlyList<GuardrailResult>? guardrail = null)
    {
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(tests);
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(options);
        var metric = primary == Metric.AcceptanceRate ? "acceptance rate" : "revenue per visitor";
        var decision = Decision(variants, tests, primary);
        var broken = string.Format(Text, "sequential sample-ratio test p = {0:G3}", sampleRatioP);
        if (sampleRatioAt is { } alarm && (decision is null || alarm < decision.Value.At))
        {
            return new Verdict(VerdictKind.SampleRatioMismatch, null, string.Format(Text,
                "Do not decide: since day {0}, visitors have not been reaching the arms in the configured split ({1}), so these numbers cannot be trusted. Check targeting and tracking first. What the data show on {2}: {3}.",
                days[alarm], broken, metric, Shown(variants, primary)));
        }

        var (planned, judged) = (options.PlannedDays, days.Count > 0 ? days[^1] : 0);
        if (decision is null)
        {
            if (judged >= planned)
            {
                return new Verdict(VerdictKind.Inconclusive, null, string.Format(Text,
                    "Inconclusive: the {0} planned days are over, and the data neither show a winner nor rule out a {1:0.#%} change in {2} ({3}). Keep control, or start a new phase with more traffic.",
                    planned, options.MinimumEffect, metric, Shown(variants, primary)));
            }

            return new Verdict(VerdictKind.KeepRunning, null, string.Format(Text,
                "Keep running: {0}. {1} of the {2} planned days judged; the verdict is taken at the end of each day. {3}",
                Seen(variants, primary, metric), judged, planned, Needed(variants, primary, options, metric)));
        }

        var (kind, winner, at) = decision.Value;
        var since = sampleRatioAt is { } later
            ? string.Format(Text, " Since day {0}, though, visitors have not been reaching the arms in the configured split ({1}): check targeting and tracking before acting on it.", days[later], broken)
            : string.Empty;
        var text = kind switch
        {
            VerdictKind.VariantWins => Won(variants.First(v => v.Key == winner).On(primary), winner!, metric, days[at],
                guardrail?.FirstOrDefault(g => g.Variant == winner), options.GuardrailMargin),
            VerdictKind.ControlWins => string.Format(Text,
                "Control wins: every variant does worse on {0}, and the always-valid intervals stay below zero (decided on day {1}). Stop the test and keep control.", metric, days[at]),
            _ => string.Format(Text,
                "No detectable difference: every variant's always-valid interval on {0} lies within ±{1:0.#%} of control (decided on day {2}), so no change of that size is there to find. Keep control, or decide on other grounds.",
                metric, options.MinimumEffect, days[at]),
        };
        return new Verdict(kind, winner, text + since);
    }

    // The earliest decisive day over the variants; on the same day a winner comes before the others.
    private static (VerdictKind Kind, string? Winner, int At)? Decision(IReadOnlyList<VariantResult> variants, IReadOnlyList<SequentialResult> tests, Metric primary)
    {
        var candidates = new List<(VerdictKind Kind, string? Winner, int At, int Order)>();
        var up = tests.Select((t, i) => (Test: t, Variant: variants[i])).Where(t => t.Test.DecidedAt is not null && t.Test.Direction > 0).ToList();
        if (up.Count > 0)
        {
            var at = up.Min(t => t.Test.DecidedAt!.Value);
            var best = up.Where(t => t.Test.DecidedAt == at).OrderByDescending(t => t.Variant.On(primary).Comparison.Difference).First();
            candidates.Add((VerdictKind.VariantWins, best.Variant.Key, at, 0));
        }

        if (tests.All(t => t.DecidedAt is not null && t.Direction < 0))
        {
            candidates.Add((VerdictKind.ControlWins, "control", tests.Max(t => t.DecidedAt!.Value), 1));
        }

        if (tests.All(t => t.EquivalentAt is not null))
        {
            candidates.Add((VerdictKind.NoDetectableDifference, null, tests.Max(t => t.EquivalentAt!.Value), 2));
        }

        return candidates.Count == 0 ? null : candidates.OrderBy(c => c.At).ThenBy(c => c.Order).Select(c => (c.Kind, c.Winner, c.At)).First();
    }

    // The lift quoted is the one the decision rests on: adjusted for what was known before the offer where CUPED applies.
    private static string Won(MetricResult result, string winner, string metric, int day, GuardrailResult? guardrail, double margin)
    {
        var (lift, adjusted) = result.Cuped is { } cuped
            ? (cuped.RelativeLift, cuped.Today.EarlierOrdersTheta is null ? " (adjusted for the carts' value)" : " (adjusted for the carts' value and earlier orders)")
            : (result.Comparison.RelativeLift, string.Empty);
        var won = string.Format(Text,
            lift is null
                ? "Variant {0} wins: {1} is above control's zero, and the always-valid interval stays above zero (decided on day {3})."
                : "Variant {0} wins: {1} {2:+0.0%;-0.0%} against control{4}, and the always-valid interval stays above zero (decided on day {3}).",
            winner, metric, lift, day, adjusted);
        return guardrail?.RefusedOnDay is not null ? $"{won} {CostsOrders(guardrail, margin)}" : won + " Ship it.";
    }

    /// <summary>What a winner the checkout guardrail refused is told: it costs orders, by how much, and not to ship it.</summary>
    public static string CostsOrders(GuardrailResult refused, double margin)
    {
        ArgumentNullException.ThrowIfNull(refused);
        return string.Format(Text, "But it costs orders: checkout completion {0} against control (always-valid interval {1}), more than the {2:0.#%} allowed (shown on day {3}). Do not ship it.",
            Relative(refused.Comparison.RelativeLift), Range(refused), margin, refused.RefusedOnDay);
    }

    /// <summary>Why the console may not ship the winner: the guardrail's refusal, or null.</summary>
    public static string? ShipRefusal(Verdict verdict, IReadOnlyList<GuardrailResult> guardrail, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(guardrail);
        ArgumentNullException.ThrowIfNull(options);
        return guardrail.FirstOrDefault(g => g.Variant == verdict.Variant && g.RefusedOnDay is not null) is { } refused
            ? string.Format(Text, "Not shipped: variant {0} lowers checkout completion by more than {1:0.#%} ({2}, always-valid interval {3}).",
                refused.Variant, options.GuardrailMargin, Relative(refused.Comparison.RelativeLift), Range(refused))
            : null;
    }

    private static string Relative(double? lift) => lift is { } l ? string.Format(Text, "{0:+0.0%;-0.0%}", l) : "against a baseline of no orders";

    // The interval of the difference in completion, relative to control's completion today.
    private static string Range(GuardrailResult g) => g.Comparison.Control > 0 && double.IsFinite(g.AlwaysValidInterval.Low) && double.IsFinite(g.AlwaysValidInterval.High)
        ? string.Format(Text, "{0:+0.0%;-0.0%} to {1:+0.0%;-0.0%}", g.AlwaysValidInterval.Low / g.Comparison.Control, g.AlwaysValidInterval.High / g.Comparison.Control)
        : "not yet bounded";

    private static string Shown(IReadOnlyList<VariantResult> variants, Metric primary) => string.Join("; ", variants.Select(v =>
    {
        var c = v.On(primary).Comparison;
        return c.RelativeLift is { } lift
            ? string.Format(Text, "variant {0} {1:+0.0%;-0.0%} against control", v.Key, lift)
            : string.Format(Text, "variant {0} {1:+0.####;-0.####} against control's zero", v.Key, c.Difference);
    }));

    // What the data show so far, in words that match the numbers beside them: each variant's lift with its 95%
    // interval, ahead or behind where the interval leaves out no change, and why that is not a verdict yet.
    private static string Seen(IReadOnlyList<VariantResult> variants, Metric primary, string metric)
    {
        var shown = variants.Select(v =>
        {
            var c = v.On(primary).Comparison;
            if (c.RelativeLift is not { } lift || c.RelativeInterval is not { } interval)
            {
                return string.Format(Text, "variant {0} is {1:+0.####;-0.####} against control's zero", v.Key, c.Difference);
            }

            var where = interval.Low > 0 ? "ahead" : interval.High < 0 ? "behind" : "level so far";
            return string.Format(Text, "variant {0} is {1} on {2}, {3:+0.0%;-0.0%} (95% interval {4:+0%;-0%} to {5:+0%;-0%})", v.Key, where, metric, lift, interval.Low, interval.High);
        });
        var unproven = variants.Any(v => v.On(primary).Comparison.RelativeInterval is { } i && (i.Low > 0 || i.High < 0))
            ? " but not yet proven: the daily test allows for every look, so a difference seen early needs more evidence"
            : string.Empty;
        return string.Join("; ", shown) + unproven;
    }

    // How much more traffic the test needs: sized for the change seen where it is larger than the minimum effect
    // (a fixed test's size for that change; the daily test needs somewhat more), else for the minimum effect.
    private static string Needed(IReadOnlyList<VariantResult> variants, Metric primary, ReportOptions options, string metric)
    {
        var comparisons = variants.Select(v => v.On(primary).Comparison).ToList();
        var remaining = comparisons.Max(c => c.SampleSizeRemaining);
        if (remaining == long.MaxValue)
        {
            return string.Format(Text, "There is not enough data yet to size the test on {0}.", metric);
        }

        var lead = comparisons.MaxBy(c => Math.Abs(c.RelativeLift ?? 0))!;
        if (lead.RelativeLift is { } lift && Math.Abs(lift) > options.MinimumEffect)
        {
            var have = lead.SampleSizeRemaining > 0 ? lead.SampleSizePerArm - lead.SampleSizeRemaining : lead.SampleSizePerArm;
            var atSeen = Math.Ceiling(lead.SampleSizePerArm * Math.Pow(options.MinimumEffect / lift, 2));
            var more = Math.Max(0, (long)atSeen - have);
            return more == 0
                ? string.Format(Text, "If a {0:+0%;-0%} change holds, the arms already have the visitors to show it, and one of the next daily looks decides.", lift)
                : string.Format(Text, "If a {0:+0%;-0%} change holds, about {1:N0} more visitors per arm show it.", lift, more);
        }

        return remaining == 0
            ? string.Format(Text, "Every arm has the visitors a fixed test would need to find a {0:0.#%} change in {1}; the remaining days settle it.", options.MinimumEffect, metric)
            : string.Format(Text, "About {0:N0} more visitors per arm are needed to find a {1:0.#%} change in {2}.", remaining, options.MinimumEffect, metric);
    }
}
