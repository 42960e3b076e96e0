using MathNet.Numerics.Distributions;

namespace Upsell.Domain.Statistics;

/// <summary>Compares two arms' means from their sums and sums of squares (normal approximation, unequal variances).</summary>
public static class MeanComparison
{
    /// <summary>Treatment against control.</summary>
    public static Comparison Compare(Sample control, Sample treatment, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var z = Normal.InvCDF(0, 1, 1 - options.Alpha / 2);
        var (mc, mt) = (control.Mean, treatment.Mean);
        var difference = mt - mc;
        var variance = control.MeanVariance + treatment.MeanVariance;
        var se = Math.Sqrt(variance);
        var interval = new Interval(difference - z * se, difference + z * se);
        var pValue = se > 0 ? 2 * Normal.CDF(0, 1, -Math.Abs(difference) / se) : difference == 0 ? 1 : 0;

        // Against a baseline of zero a relative lift is undefined, not zero.
        double? lift = mc != 0 ? mt / mc - 1 : null;
        Interval? relative = null;
        if (lift is { } l)
        {
            var liftSe = Math.Sqrt(treatment.MeanVariance / (mc * mc) + mt * mt * control.MeanVariance / (mc * mc * mc * mc));
            relative = new Interval(l - z * liftSe, l + z * liftSe);
        }

        var effect = options.MinimumEffect * Math.Abs(mc);
        var chance = se > 0 ? Normal.CDF(0, 1, difference / se) : difference > 0 ? 1 : difference < 0 ? 0 : 0.5;

        var needed = SampleSizePerArm(control.Variance + treatment.Variance, effect, options);
        var remaining = needed == long.MaxValue ? long.MaxValue : Math.Max(0, needed - Math.Min(control.Count, treatment.Count));
        return new Comparison(mc, mt, difference, interval, lift, relative, pValue, chance, needed, remaining);
    }

    /// <summary>
    /// Units per arm for a two-sided z-test to find <paramref name="effect"/> with the configured power, given the sum
    /// of both arms' unit variances; <see cref="long.MaxValue"/> when nothing can be sized yet.
    /// </summary>
    public static long SampleSizePerArm(double varianceSum, double effect, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (effect <= 0 || varianceSum <= 0)
        {
            return long.MaxValue;
        }

        var zs = Normal.InvCDF(0, 1, 1 - options.Alpha / 2) + Normal.InvCDF(0, 1, options.Power);
        var n = Math.Ceiling(zs * zs * varianceSum / (effect * effect));
        return n >= long.MaxValue ? long.MaxValue : (long)n;
    }

    /// <summary>
    /// The normal-mixture sequential test (mSPRT), for comparisons with no planned end (the holdout): with the
    /// difference's variance V and mixing variance tau² (the minimum effect on control's mean, squared), the
    /// likelihood ratio sqrt(V/(V+tau²)) exp(d² tau² / (2V(V+tau²))) crosses 1/alpha with chance at most alpha over
    /// all looks, so the interval of differences it does not reject is a confidence sequence.
    /// </summary>
    public static AlwaysValid Mixture(Sample control, Sample treatment, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (difference, variance) = (treatment.Mean - control.Mean, control.MeanVariance + treatment.MeanVariance);
        var tau2 = Math.Pow(options.MinimumEffect * Math.Abs(control.Mean), 2);
        var alpha = options.Alpha;
        if (variance <= 0 || tau2 <= 0)
        {
            return new AlwaysValid(new Interval(double.NegativeInfinity, double.PositiveInfinity), 1);
        }

        var width = Math.Sqrt(variance * (variance + tau2) / tau2 * (Math.Log((variance + tau2) / variance) - 2 * Math.Log(alpha)));
        var logRatio = 0.5 * Math.Log(variance / (variance + tau2)) + difference * difference * tau2 / (2 * variance * (variance + tau2));
        return new AlwaysValid(new Interval(difference - width, difference + width), Math.Min(1, Math.Exp(-logRatio)));
    }
}
