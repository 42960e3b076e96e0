using Upsell.Domain.Statistics;

namespace Upsell.Application.Reports;

/// <summary>
/// One variant's checkout completion against control, as the report shows it: the share of each arm's exposed
/// visitors who ordered, the relative change with the always-valid interval of the difference (relative to control),
/// the margin allowed, and the day the guardrail refused the variant (null while it has not).
/// </summary>
public sealed record GuardrailReport(string Variant, long ControlVisitors, double Control, long TreatmentVisitors, double Treatment, double? RelativeChange, Bounds Interval, double Margin, int? RefusedOnDay)
{
    public static GuardrailReport Of(GuardrailResult result, Arm control, Arm treatment, double margin)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(treatment);
        var c = result.Comparison;
        var relative = c.Control > 0 ? new Interval(result.AlwaysValidInterval.Low / c.Control, result.AlwaysValidInterval.High / c.Control) : new Interval(double.NegativeInfinity, double.PositiveInfinity);
        return new(result.Variant, control.Completion.Count, c.Control, treatment.Completion.Count, c.Treatment, c.RelativeLift, Bounds.Of(relative), margin, result.RefusedOnDay);
    }
}
