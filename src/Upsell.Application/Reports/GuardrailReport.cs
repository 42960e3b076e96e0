using Upsell.Domain.Statistics;

namespace Upsell.Application.Reports;

/// <summary>
/// One variant's checkout completion against control, as the report shows it: the share of each arm's exposed
/// visitors who ordered, the relative change with the always-valid interval of the difference (relative to control),
/// the margin allowed, and the day the guardrail refused the variant (null while it has not).
/// </summary>
public sealed record GuardrailReport(string Variant, long ControlVisitors, double Control, long TreatmentVisitors, double Treatment, double? RelativeChange, Bounds Interval, double Margin, int? RefusedOnDay)
{
    /// <summary>The report of <paramref name="result"/>, with each arm's visitors shown an offer.</summary>
    public static GuardrailReport Of(GuardrailResult result, long controlVisitors, long treatmentVisitors, double margin)
    {
        ArgumentNullException.ThrowIfNull(result);
        var c = result.Comparison;
        var relative = c.Control > 0 ? new Interval(result.AlwaysValidInterval.Low / c.Control, result.AlwaysValidInterval.High / c.Control) : new Interval(double.NegativeInfinity, double.PositiveInfinity);
        return new(result.Variant, controlVisitors, c.Control, treatmentVisitors, c.Treatment, c.RelativeLift, Bounds.Of(relative), margin, result.RefusedOnDay);
    }
}
