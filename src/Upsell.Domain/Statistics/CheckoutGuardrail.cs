using Upsell.Domain.Bandits;
using Upsell.Domain.Offers;

namespace Upsell.Domain.Statistics;

/// <summary>
/// Why a winning variant may still not be shipped: an offer shown before the order (cart, form entry, shipping,
/// payment, exit intent) can win on its own metric and still cost orders, by distracting a shopper who was about to
/// pay. So at those moments each arm's checkout completion (the share of its exposed visitors who went on to order)
/// is compared with control's by the same sequential design as the verdict, over the same completed days. Once the
/// always-valid interval shows completion lower by more than <see cref="ReportOptions.GuardrailMargin"/> of
/// control's (its upper end below −margin), the variant is refused for good: the verdict says so, and the console's
/// Ship button says why. A variant with no effect on completion is refused with chance at most alpha / 2.
/// </summary>
public static class CheckoutGuardrail
{
    /// <summary>Whether the moment comes before the order, where an offer can cost the order.</summary>
    public static bool Applies(Moment moment) => moment is Moment.Cart or Moment.Form or Moment.Shipping or Moment.Payment or Moment.ExitIntent;

    /// <summary>Each variant's completion against control, as of the completed days, with the day it was refused if it was.</summary>
    public static IReadOnlyList<GuardrailResult> Judge(IReadOnlyList<Arm> now, IReadOnlyList<DailyLook> days, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(options);
        var alpha = options.Alpha / (now.Count - 1);
        int[] judged = [.. days.Select(d => d.Day)];
        return [.. Enumerable.Range(1, now.Count - 1).Select(a => Judge(
            now[a].Key,
            [.. days.Select(d => SequentialLook.Of(d.Arms[0].Completion, d.Arms[a].Completion, Math.Min(1, d.Day / (double)options.PlannedDays)))],
            judged,
            MeanComparison.Compare(now[0].Completion, now[a].Completion, options),
            alpha,
            options))];
    }

    /// <summary>
    /// A bandit's arms against control (arm 0) on completion, from the periods that had ended by each completed day:
    /// each pair compared period by period (<see cref="PeriodWeighting.Pair"/>), as the bandit's own call is, since
    /// the arms' shares moved with their results. Empty where the periods did not count completion.
    /// </summary>
    public static IReadOnlyList<GuardrailResult> Judge(IReadOnlyList<string> keys, IReadOnlyList<(int Day, IReadOnlyList<BanditPeriod> Periods)> days, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(options);
        var onCompletion = days.Select(d => (d.Day, Periods: d.Periods.Select(p => p.OnCompletion()).ToList())).ToList();
        if (keys.Count < 2 || onCompletion.Count == 0 || onCompletion.Any(d => d.Periods.Any(p => p is null)))
        {
            return [];
        }

        var alpha = options.Alpha / (keys.Count - 1);
        int[] judged = [.. onCompletion.Select(d => d.Day)];
        return [.. Enumerable.Range(1, keys.Count - 1).Select(a =>
        {
            var looks = onCompletion.Select(d => PeriodWeighting.Pair(d.Periods!, a, 0, Math.Min(1, d.Day / (double)options.PlannedDays))).ToList();
            var (control, arm) = (PeriodWeighting.Estimate(onCompletion[^1].Periods!, 0), PeriodWeighting.Estimate(onCompletion[^1].Periods!, a));
            // Shown as the bandit's estimates are: period-weighted, not pooled totals.
            var today = MeanComparison.Compare(control.Pooled, arm.Pooled, options) with
            {
                Control = control.Mean,
                Treatment = arm.Mean,
                Difference = arm.Mean - control.Mean,
                RelativeLift = control.Mean != 0 ? arm.Mean / control.Mean - 1 : null,
            };
            return Judge(keys[a], looks, judged, today, alpha, options);
        })];
    }

    // One variant judged over its looks: refused on the first day its always-valid interval lies wholly below −margin.
    private static GuardrailResult Judge(string variant, IReadOnlyList<SequentialLook> looks, int[] days, Comparison today, double alpha, ReportOptions options)
    {
        var test = SequentialTest.Judge(looks, alpha, 0, options.GuardrailMargin);
        return new GuardrailResult(variant, today, test.Interval, test.HarmAt is { } at ? days[at] : null);
    }
}

/// <summary>
/// One variant's checkout completion against control: today's figures, the always-valid interval of the difference
/// as of the last completed day, and the day it was refused (null while it is not).
/// </summary>
public sealed record GuardrailResult(string Variant, Comparison Comparison, Interval AlwaysValidInterval, int? RefusedOnDay);
