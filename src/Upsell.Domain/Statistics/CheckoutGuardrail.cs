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
        return [.. Enumerable.Range(1, now.Count - 1).Select(a =>
        {
            var looks = days.Select(d => SequentialLook.Of(d.Arms[0].Completion, d.Arms[a].Completion, Math.Min(1, d.Day / (double)options.PlannedDays))).ToList();
            var test = SequentialTest.Judge(looks, alpha, 0, options.GuardrailMargin);
            var comparison = MeanComparison.Compare(now[0].Completion, now[a].Completion, options);
            return new GuardrailResult(now[a].Key, comparison, test.Interval, test.HarmAt is { } at ? days[at].Day : null);
        })];
    }
}

/// <summary>
/// One variant's checkout completion against control: today's figures, the always-valid interval of the difference
/// as of the last completed day, and the day it was refused (null while it is not).
/// </summary>
public sealed record GuardrailResult(string Variant, Comparison Comparison, Interval AlwaysValidInterval, int? RefusedOnDay);
