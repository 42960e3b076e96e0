namespace Upsell.Domain.Statistics;

/// <summary>
/// Variance reduction with a covariate known before exposure (CUPED: Deng, Xu, Kohavi and Walker, WSDM 2013). Each
/// arm's mean is taken less θ times its covariate's distance from the covariate's mean over both arms, with θ the
/// within-arm regression slope of the metric on the covariate pooled over the two arms, so an effect of the
/// treatment on the metric does not leak into θ. The covariate is fixed before the offer, so the adjusted difference
/// estimates the same effect as the raw one, with its variance shrunk by about the squared correlation.
/// </summary>
public static class Cuped
{
    /// <summary>
    /// The adjusted comparison of treatment against control, or null where it cannot help: an arm with fewer than two
    /// units, or a covariate that does not vary within the arms.
    /// </summary>
    public static CupedResult? Adjust(Sample control, Covariate controlCovariate, Sample treatment, Covariate treatmentCovariate)
    {
        if (control.Count < 2 || treatment.Count < 2)
        {
            return null;
        }

        var (c, t) = (Moments.Of(control, controlCovariate), Moments.Of(treatment, treatmentCovariate));
        var spread = c.Sxx + t.Sxx;
        if (!(spread > 0))
        {
            return null;
        }

        var theta = (c.Sxy + t.Sxy) / spread;
        var difference = treatment.Mean - control.Mean - theta * (t.MeanX - c.MeanX);
        var variance = c.Residual(theta) / ((control.Count - 1.0) * control.Count) + t.Residual(theta) / ((treatment.Count - 1.0) * treatment.Count);
        var both = Moments.Of(
            new Sample(control.Count + treatment.Count, control.Sum + treatment.Sum, control.SumOfSquares + treatment.SumOfSquares),
            new Covariate(controlCovariate.Sum + treatmentCovariate.Sum, controlCovariate.SumOfSquares + treatmentCovariate.SumOfSquares, controlCovariate.Products + treatmentCovariate.Products));
        var pooled = both.Residual(theta) / (control.Count + treatment.Count - 1.0) * (1.0 / control.Count + 1.0 / treatment.Count);
        var raw = control.MeanVariance + treatment.MeanVariance;
        return new CupedResult(
            theta,
            control.Mean,
            difference,
            Math.Sqrt(Math.Max(0, variance)),
            Math.Sqrt(Math.Max(0, pooled)),
            raw > 0 ? Math.Clamp(1 - variance / raw, 0, 1) : 0);
    }

    // Centred sums of squares and products of one set of units.
    private readonly record struct Moments(double Syy, double Sxx, double Sxy, double MeanX)
    {
        public static Moments Of(Sample y, Covariate x) => new(
            Math.Max(0, y.SumOfSquares - y.Sum * y.Sum / y.Count),
            Math.Max(0, x.SumOfSquares - x.Sum * x.Sum / y.Count),
            x.Products - x.Sum * y.Sum / y.Count,
            x.Sum / y.Count);

        // The sum of squares of metric − θ·covariate about its mean.
        public double Residual(double theta) => Math.Max(0, Syy - 2 * theta * Sxy + theta * theta * Sxx);
    }
}

/// <summary>
/// A CUPED-adjusted comparison: the slope θ, control's raw mean, the adjusted difference with its standard error
/// (and the pooled one a no-difference test uses), and the share of the raw difference's variance it removed.
/// </summary>
public sealed record CupedResult(double Theta, double ControlMean, double Difference, double StandardError, double PooledStandardError, double VarianceRemoved);
