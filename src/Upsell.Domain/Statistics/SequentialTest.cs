namespace Upsell.Domain.Statistics;

/// <summary>
/// One treatment against control, judged by the <see cref="SequentialDesign"/> over the daily looks of a phase.
/// At each look the z-statistic of the difference is set against that look's boundary; the first look where it
/// reaches it decides the side, and nothing later changes that. The interval is the repeated confidence interval
/// (difference ± boundary × standard error, which holds at every look together) intersected over the looks, so it
/// only narrows. Looks where an arm has fewer than <see cref="MinimumPerArm"/> units, or no spread, are passed over
/// (their alpha carries on), since the normal approximation does not hold there. Equivalence ("no detectable
/// difference") is shown on the first look where the running interval lies wholly inside ± the minimum effect
/// (relative to control's mean at that look), so a real effect of that size is ruled out at the same alpha.
/// </summary>
public static class SequentialTest
{
    /// <summary>The fewest units each arm needs before a look counts.</summary>
    public const int MinimumPerArm = 30;

    /// <summary>
    /// Judges the looks, oldest first, at false-positive rate <paramref name="alpha"/>, with equivalence at
    /// ± <paramref name="minimumEffect"/> of control's mean, and harm once the interval lies wholly below
    /// −<paramref name="harmMargin"/> of control's mean (null: not looked for).
    /// </summary>
    public static SequentialResult Judge(IReadOnlyList<SequentialLook> looks, double alpha, double minimumEffect, double? harmMargin = null)
    {
        ArgumentNullException.ThrowIfNull(looks);
        var counted = Counted(looks);
        var bounds = SequentialDesign.Boundaries([.. counted.Select(l => l.Information)], [.. counted.Select(l => l.Fraction)], alpha);
        var interval = new Interval(double.NegativeInfinity, double.PositiveInfinity);
        int? decidedAt = null, equivalentAt = null, harmAt = null;
        var direction = 0;
        for (var k = 0; k < counted.Count; k++)
        {
            var (difference, se) = (counted[k].Difference, counted[k].StandardError);
            if (double.IsPositiveInfinity(bounds[k]))
            {
                continue;
            }

            var z = difference / se;
            if (decidedAt is null && Math.Abs(z) >= bounds[k])
            {
                (decidedAt, direction) = (counted[k].Index, Math.Sign(z));
            }

            var low = Math.Max(interval.Low, difference - bounds[k] * se);
            var high = Math.Min(interval.High, difference + bounds[k] * se);
            // Disjoint repeated intervals happen only beyond alpha; the running one then stays as it was.
            interval = low <= high ? new Interval(low, high) : interval;
            var margin = minimumEffect * Math.Abs(counted[k].ControlMean);
            if (equivalentAt is null && margin > 0 && interval.Low > -margin && interval.High < margin)
            {
                equivalentAt = counted[k].Index;
            }

            if (harmAt is null && harmMargin is { } harm && interval.High < -harm * Math.Abs(counted[k].ControlMean))
            {
                harmAt = counted[k].Index;
            }
        }

        return new SequentialResult(interval, decidedAt, direction, equivalentAt, harmAt);
    }

    /// <summary>
    /// The repeated p-value: the smallest false-positive rate at which the design would have decided by the last
    /// look (1 when none would). Each candidate rate needs the design's boundaries again, so it is found by bisection.
    /// </summary>
    public static double PValue(IReadOnlyList<SequentialLook> looks)
    {
        ArgumentNullException.ThrowIfNull(looks);
        var counted = Counted(looks);
        if (counted.Count == 0)
        {
            return 1;
        }

        var information = counted.Select(l => l.Information).ToArray();
        var fractions = counted.Select(l => l.Fraction).ToArray();
        var z = counted.Select(l => Math.Abs(l.Difference / l.StandardError)).ToArray();
        bool Rejects(double alpha)
        {
            var bounds = SequentialDesign.Boundaries(information, fractions, alpha);
            return bounds.Where((b, k) => z[k] >= b).Any();
        }

        if (!Rejects(0.999999))
        {
            return 1;
        }

        var (low, high) = (Math.Log(1e-12), Math.Log(0.999999));
        if (Rejects(1e-12))
        {
            return 1e-12;
        }

        for (var i = 0; i < 14; i++)
        {
            var mid = (low + high) / 2;
            (low, high) = Rejects(Math.Exp(mid)) ? (low, mid) : (mid, high);
        }

        return Math.Exp(high);
    }

    private static List<(int Index, double ControlMean, double Difference, double StandardError, double Information, double Fraction)> Counted(IReadOnlyList<SequentialLook> looks)
    {
        var counted = new List<(int, double, double, double, double, double)>(looks.Count);
        for (var k = 0; k < looks.Count; k++)
        {
            var look = looks[k];
            if (look.Usable && look.StandardError > 0 && look.Information > 0)
            {
                counted.Add((k, look.ControlMean, look.Difference, look.StandardError, look.Information, look.Fraction));
            }
        }

        return counted;
    }
}

/// <summary>
/// One look at a difference: control's mean, the difference and its standard error, the information gathered (any
/// scale that grows as data arrives: only ratios matter), the share of the planned days passed (0 to 1), and whether
/// there is enough data for the normal approximation.
/// </summary>
public readonly record struct SequentialLook(double ControlMean, double Difference, double StandardError, double Information, double Fraction, bool Usable)
{
    /// <summary>
    /// Two arms' totals at a look; information by units, not by the estimated variance, so it only grows. The
    /// standard error is the larger of the arms' own (the interval's) and the pooled one a no-difference test uses,
    /// so a decision and its interval agree and neither is taken on an estimate too small for rare events.
    /// </summary>
    public static SequentialLook Of(Sample control, Sample treatment, double fraction) => new(
        control.Mean,
        treatment.Mean - control.Mean,
        Math.Sqrt(Math.Max(control.MeanVariance + treatment.MeanVariance, Pooled(control, treatment))),
        control.Count + treatment.Count > 0 ? control.Count * (double)treatment.Count / (control.Count + treatment.Count) : 0,
        fraction,
        control.Count >= SequentialTest.MinimumPerArm && treatment.Count >= SequentialTest.MinimumPerArm);

    /// <summary>
    /// Two arms at a look on a metric: revenue per visitor adjusted for what was known before the offer (<see cref="Cuped"/>) when
    /// <paramref name="adjusted"/> and the arms carry a covariate that varies; otherwise the raw difference.
    /// </summary>
    public static SequentialLook Of(Arm control, Arm treatment, Metric metric, double fraction, bool adjusted)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(treatment);
        var raw = Of(control.For(metric), treatment.For(metric), fraction);
        return adjusted && metric == Metric.RevenuePerVisitor && Cuped.Adjust(control.Revenue, control.Known, treatment.Revenue, treatment.Known) is { } cuped
            ? raw with { Difference = cuped.Difference, StandardError = Math.Max(cuped.StandardError, cuped.PooledStandardError) }
            : raw;
    }

    private static double Pooled(Sample control, Sample treatment)
    {
        var both = new Sample(control.Count + treatment.Count, control.Sum + treatment.Sum, control.SumOfSquares + treatment.SumOfSquares);
        return control.Count > 0 && treatment.Count > 0 ? both.Variance * (1.0 / control.Count + 1.0 / treatment.Count) : 0;
    }
}

/// <summary>
/// A sequential comparison's outcome: the running repeated confidence interval of the difference, the look that
/// decided (null while none has) with the side (+1 treatment above, −1 below), and the first look that showed
/// equivalence within the minimum effect, and the first that showed harm beyond the harm margin (null while none
/// has). Looks are indexes into the list judged.
/// </summary>
public sealed record SequentialResult(Interval Interval, int? DecidedAt, int Direction, int? EquivalentAt, int? HarmAt = null);
