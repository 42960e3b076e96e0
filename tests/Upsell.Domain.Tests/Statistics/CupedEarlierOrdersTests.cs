using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using Upsell.Domain.Statistics;
using Xunit.Abstractions;

namespace Upsell.Domain.Tests.Statistics;

/// <summary>
/// CUPED with the visitor's earlier orders beside the cart's value. Visitors' carts are €80 ± €30, their earlier orders
/// Poisson with mean 1.5, independent of the cart, and revenue per visitor €3 ± €10 correlated 0.4 with each, so the
/// cart alone explains 16% of revenue's variance and both together 32%.
/// </summary>
public class CupedEarlierOrdersTests(ITestOutputHelper output)
{
    private static readonly ReportOptions Options = new();

    [Fact]
    public void The_adjustment_on_both_covariates_from_sums_equals_the_regression_worked_out_visitor_by_visitor()
    {
        var random = new Random(41);
        var (control, treatment) = (Visitors(random, 400, lift: 0), Visitors(random, 500, lift: 0.5));

        var cuped = Cuped.Adjust(SampleOf(control), KnownOf(control), SampleOf(treatment), KnownOf(treatment))!;

        // θ: the regression of revenue on (cart, orders) within each arm, pooled; then each visitor's revenue less θ·x.
        Matrix<double> Centred(List<Unit> arm) => Matrix<double>.Build.DenseOfRows(arm.Select(v => new[] { v.Cart - arm.Average(u => u.Cart), v.Orders - arm.Average(u => u.Orders) }));
        Vector<double> Response(List<Unit> arm) => Vector<double>.Build.DenseOfEnumerable(arm.Select(v => v.Revenue - arm.Average(u => u.Revenue)));
        var (xc, xt) = (Centred(control), Centred(treatment));
        var theta = (xc.TransposeThisAndMultiply(xc) + xt.TransposeThisAndMultiply(xt)).Solve(xc.TransposeThisAndMultiply(Response(control)) + xt.TransposeThisAndMultiply(Response(treatment)));
        var (rc, rt) = (control.Select(v => v.Revenue - theta[0] * v.Cart - theta[1] * v.Orders).ToList(), treatment.Select(v => v.Revenue - theta[0] * v.Cart - theta[1] * v.Orders).ToList());
        double VarianceOfMean(List<double> r) => r.Sum(x => (x - r.Average()) * (x - r.Average())) / (r.Count - 1) / r.Count;

        Assert.Equal(theta[0], cuped.Theta, 1e-9);
        Assert.Equal(theta[1], cuped.EarlierOrdersTheta!.Value, 1e-6);
        Assert.Equal(rt.Average() - rc.Average(), cuped.Difference, 1e-6);
        Assert.Equal(Math.Sqrt(VarianceOfMean(rc) + VarianceOfMean(rt)), cuped.StandardError, 1e-6);
        Assert.InRange(cuped.VarianceRemoved, 0.2, 0.45);
    }

    [Fact]
    public void Earlier_orders_that_never_vary_or_repeat_the_cart_are_left_out_and_the_cart_alone_adjusts()
    {
        var random = new Random(42);
        var (control, treatment) = (Visitors(random, 300, lift: 0), Visitors(random, 300, lift: 0));
        var cartOnly = Cuped.Adjust(SampleOf(control), new Known(KnownOf(control).Cart), SampleOf(treatment), new Known(KnownOf(treatment).Cart))!;

        // Everyone's earlier orders unknown (0), and then earlier orders that are the cart's value over 100.
        var none = Cuped.Adjust(SampleOf(control), KnownOf([.. control.Select(v => v with { Orders = 0 })]), SampleOf(treatment), KnownOf([.. treatment.Select(v => v with { Orders = 0 })]))!;
        var repeated = Cuped.Adjust(
            SampleOf(control), KnownOf([.. control.Select(v => v with { Orders = v.Cart / 100 })]), SampleOf(treatment), KnownOf([.. treatment.Select(v => v with { Orders = v.Cart / 100 })]))!;

        foreach (var result in new[] { none, repeated })
        {
            Assert.Null(result.EarlierOrdersTheta);
            Assert.Equal(cartOnly.Difference, result.Difference, 1e-9);
            Assert.Equal(cartOnly.StandardError, result.StandardError, 1e-9);
        }
    }

    [Trait("Category", "Simulation")]
    [Fact]
    public void With_earlier_orders_beside_the_cart_the_interval_needs_fewer_visitors_than_with_the_cart_alone()
    {
        const int visitorsPerArm = 10_000;
        var runs = Enumerable.Range(0, Simulation.Runs(200, 2_000)).AsParallel().Select(run =>
        {
            var random = new Random(25_43 * 100_000 + run);
            var (control, treatment) = (Visitors(random, visitorsPerArm, 0), Visitors(random, visitorsPerArm, 0));
            var (c, t) = (SampleOf(control), SampleOf(treatment));
            var both = Cuped.Adjust(c, KnownOf(control), t, KnownOf(treatment))!;
            var cart = Cuped.Adjust(c, new Known(KnownOf(control).Cart), t, new Known(KnownOf(treatment).Cart))!;
            return (Raw: c.MeanVariance + t.MeanVariance, Both: both.StandardError * both.StandardError, Cart: cart.StandardError * cart.StandardError);
        }).ToList();

        var (withBoth, withCart) = (runs.Average(r => r.Both) / runs.Average(r => r.Raw), runs.Average(r => r.Cart) / runs.Average(r => r.Raw));
        output.WriteLine($"CUPED, cart and earlier orders each correlated 0.4 with revenue, {visitorsPerArm:N0} visitors per arm, {runs.Count} runs: the adjusted interval's width is reached with " +
            $"{withBoth:P1} of the visitors with both, {withCart:P1} with the cart alone");
        Assert.True(withBoth <= 0.75, $"both: {withBoth:P1}");
        Assert.True(withBoth < withCart - 0.1, $"both {withBoth:P1}, cart alone {withCart:P1}");
    }

    [Trait("Category", "Simulation")]
    [Fact]
    public void AA_tests_adjusted_for_both_call_a_winner_in_5_percent_at_most_within_chance_over_28_daily_looks_and_never_flip()
    {
        var runs = Simulation.RevenueAa(Simulation.Runs(300, 5_000), 25_44, Options, () => new Sums(), random =>
        {
            var visitor = Visitor(random, lift: 0);
            return arm => arm.Add(visitor);
        }, (arm, key) => arm.Arm(key));

        var winners = runs.Count(r => r.Winner);
        output.WriteLine($"A/A on revenue per visitor with CUPED on cart and earlier orders, 2,000 visitors a day, {runs.Count} runs x 28 daily looks: a winner called at some look in {Simulation.Share(winners, runs.Count)}, " +
            $"variance removed on day 28 {runs.Average(r => r.Removed):P1} on average, flips {runs.Count(r => r.Flipped)}");
        Assert.True(Simulation.NotAbove(winners, runs.Count, Options.Alpha), $"false winners {Simulation.Share(winners, runs.Count)}");
        Assert.InRange(runs.Average(r => r.Removed), 0.25, 0.4);
        Assert.Equal(0, runs.Count(r => r.Flipped));
    }

    private sealed record Unit(double Cart, double Orders, double Revenue);

    private static Unit Visitor(Random random, double lift)
    {
        var (a, orders, b) = (Normal.Sample(random, 0, 1), Poisson.Sample(random, 1.5), Normal.Sample(random, 0, 1));
        var z = (orders - 1.5) / Math.Sqrt(1.5);
        return new Unit(Math.Round(8_000 + 3_000 * a), orders, Math.Round((300 + 1_000 * (0.4 * a + 0.4 * z + Math.Sqrt(1 - 0.32) * b)) * (1 + lift)));
    }

    private static List<Unit> Visitors(Random random, int count, double lift) => [.. Enumerable.Range(0, count).Select(_ => Visitor(random, lift))];

    private static Sample SampleOf(List<Unit> visitors) => new(visitors.Count, visitors.Sum(v => v.Revenue), visitors.Sum(v => v.Revenue * v.Revenue));

    private static Known KnownOf(List<Unit> visitors) => new(
        new Covariate(visitors.Sum(v => v.Cart), visitors.Sum(v => v.Cart * v.Cart), visitors.Sum(v => v.Cart * v.Revenue)),
        new Covariate(visitors.Sum(v => v.Orders), visitors.Sum(v => v.Orders * v.Orders), visitors.Sum(v => v.Orders * v.Revenue)),
        visitors.Sum(v => v.Cart * v.Orders));

    // Running sums of the arm's visitors, as the counters keep them.
    private sealed class Sums
    {
        private Sample _revenue;
        private Known _known;

        public void Add(Unit v)
        {
            _revenue = new Sample(_revenue.Count + 1, _revenue.Sum + v.Revenue, _revenue.SumOfSquares + v.Revenue * v.Revenue);
            _known = _known.Plus(new Known(new Covariate(v.Cart, v.Cart * v.Cart, v.Cart * v.Revenue), new Covariate(v.Orders, v.Orders * v.Orders, v.Orders * v.Revenue), v.Cart * v.Orders));
        }

        public Arm Arm(string key) => new(key, 0.5, Sample.Binary(_revenue.Count, 0), _revenue, default, _known);
    }
}
