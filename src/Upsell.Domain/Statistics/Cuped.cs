namespace Upsell.Domain.Statistics;

/// <summary>
/// Variance reduction with covariates known before exposure (CUPED: Deng, Xu, Kohavi and Walker, WSDM 2013): the
/// cart's value at the offer and the visitor's earlier orders. Each arm's mean is taken less θ · (its covariates'
/// means less theirs over both arms), with θ the within-arm regression of the metric on the covariates pooled over
/// the two arms, so an effect of the treatment on the metric does not leak into θ. The covariates are fixed before
/// the offer, so the adjusted difference estimates the same effect as the raw one, with its variance shrunk by about
/// the share the covariates explain. A covariate that does not vary within the arms (every visitor's earlier orders
/// unknown, or no cart at a follow-up email), or that repeats the other, is left out.
/// </summary>
public static class Cuped
{
    /// <summary>
    /// The adjusted comparison of treatment against control, or null where it cannot help: an arm with fewer than two
    /// units, or no covariate that varies within the arms.
    /// </summary>
    public static CupedResult? Adjust(Sample control, Known controlKnown, Sample treatment, Known treatmentKnown)
    {
        if (control.Count < 2 || treatment.Count < 2)
        {
            return null;
        }

        var (c, t) = (Moments.Of(control, controlKnown), Moments.Of(treatment, treatmentKnown));
        if (Slopes(c.Plus(t)) is not { } theta)
        {
            return null;
        }

        var difference = treatment.Mean - control.Mean - theta.Cart * (t.MeanCart - c.MeanCart) - theta.Orders * (t.MeanOrders - c.MeanOrders);
        var variance = c.Residual(theta) / ((control.Count - 1.0) * control.Count) + t.Residual(theta) / ((treatment.Count - 1.0) * treatment.Count);
        var both = Moments.Of(
            new Sample(control.Count + treatment.Count, control.Sum + treatment.Sum, control.SumOfSquares + treatment.SumOfSquares),
            controlKnown.Plus(treatmentKnown));
        var pooled = both.Residual(theta) / (control.Count + treatment.Count - 1.0) * (1.0 / control.Count + 1.0 / treatment.Count);
        var raw = control.MeanVariance + treatment.MeanVariance;
        return new CupedResult(
            theta.Cart,
            control.Mean,
            difference,
            Math.Sqrt(Math.Max(0, variance)),
            Math.Sqrt(Math.Max(0, pooled)),
            raw > 0 ? Math.Clamp(1 - variance / raw, 0, 1) : 0,
            theta.UsesOrders ? theta.Orders : null);
    }

    // The pooled within-arm slopes on the covariates that vary: both where the 2×2 system is well conditioned, else
    // the one that varies (the cart's value first); null where neither does.
    private static Theta? Slopes(Moments within)
    {
        var (s11, s22, s12) = (within.SxxCart, within.SxxOrders, within.SxxCross);
        var determinant = s11 * s22 - s12 * s12;
        if (s11 > 0 && s22 > 0 && determinant > 1e-9 * s11 * s22)
        {
            return new Theta((s22 * within.SxyCart - s12 * within.SxyOrders) / determinant, (s11 * within.SxyOrders - s12 * within.SxyCart) / determinant, true);
        }

        return s11 > 0 ? new Theta(within.SxyCart / s11, 0, false)
            : s22 > 0 ? new Theta(0, within.SxyOrders / s22, true)
            : null;
    }

    private readonly record struct Theta(double Cart, double Orders, bool UsesOrders);

    // Centred sums of squares and products of one set of units.
    private readonly record struct Moments(double Syy, double SxxCart, double SxxOrders, double SxxCross, double SxyCart, double SxyOrders, double MeanCart, double MeanOrders)
    {
        public static Moments Of(Sample y, Known x) => new(
            Math.Max(0, y.SumOfSquares - y.Sum * y.Sum / y.Count),
            Math.Max(0, x.Cart.SumOfSquares - x.Cart.Sum * x.Cart.Sum / y.Count),
            Math.Max(0, x.Orders.SumOfSquares - x.Orders.Sum * x.Orders.Sum / y.Count),
            x.Cross - x.Cart.Sum * x.Orders.Sum / y.Count,
            x.Cart.Products - x.Cart.Sum * y.Sum / y.Count,
            x.Orders.Products - x.Orders.Sum * y.Sum / y.Count,
            x.Cart.Sum / y.Count,
            x.Orders.Sum / y.Count);

        // Two arms' within sums: what θ is fitted on.
        public Moments Plus(Moments other) => new(
            Syy + other.Syy, SxxCart + other.SxxCart, SxxOrders + other.SxxOrders, SxxCross + other.SxxCross, SxyCart + other.SxyCart, SxyOrders + other.SxyOrders, 0, 0);

        // The sum of squares of metric − θ·covariates about its mean.
        public double Residual(Theta theta) => Math.Max(0,
            Syy - 2 * (theta.Cart * SxyCart + theta.Orders * SxyOrders)
            + theta.Cart * theta.Cart * SxxCart + 2 * theta.Cart * theta.Orders * SxxCross + theta.Orders * theta.Orders * SxxOrders);
    }
}

/// <summary>
/// A CUPED-adjusted comparison: the slope θ on the cart's value, control's raw mean, the adjusted difference with its
/// standard error (and the pooled one a no-difference test uses), the share of the raw difference's variance it
/// removed, and the slope on the visitor's earlier orders (null where they were left out).
/// </summary>
public sealed record CupedResult(double Theta, double ControlMean, double Difference, double StandardError, double PooledStandardError, double VarianceRemoved, double? EarlierOrdersTheta = null);
