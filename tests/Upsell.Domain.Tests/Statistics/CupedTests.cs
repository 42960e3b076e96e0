using MathNet.Numerics.Distributions;
using Upsell.Domain.Statistics;
using Xunit.Abstractions;

namespace Upsell.Domain.Tests.Statistics;

/// <summary>
/// CUPED on revenue per visitor: the adjustment from sums equals the one worked out visitor by visitor, it removes
/// about the squared correlation of the variance, and judged every day for 28 days an A/A test still calls a winner
/// in at most alpha of runs. Visitors' carts and revenue per visitor are drawn jointly normal with correlation 0.5
/// (a cart of €80 ± €30; revenue €3 ± €10, as spread out against its mean as upsell revenue, where most visitors add
/// nothing); only the correlation matters to the variance removed, and the spread keeps the A/A test from settling on
/// "no detectable difference" within days.
/// </summary>
public class CupedTests(ITestOutputHelper output)
{
    private static readonly ReportOptions Options = new();

    [Fact]
    public void The_adjustment_from_sums_equals_the_one_worked_out_visitor_by_visitor()
    {
        var random = new Random(31);
        var (control, treatment) = (Visitors(random, 400, lift: 0), Visitors(random, 500, lift: 0.5));

        var cuped = Cuped.Adjust(SampleOf(control), new Known(CovariateOf(control)), SampleOf(treatment), new Known(CovariateOf(treatment)))!;

        // θ: the slope of revenue on cart value within each arm, pooled; then each visitor's revenue less θ × cart value.
        double Centred(List<(double X, double Y)> arm, Func<(double X, double Y), double> a, Func<(double X, double Y), double> b) =>
            arm.Sum(v => (a(v) - arm.Average(a)) * (b(v) - arm.Average(b)));
        var theta = (Centred(control, v => v.X, v => v.Y) + Centred(treatment, v => v.X, v => v.Y))
            / (Centred(control, v => v.X, v => v.X) + Centred(treatment, v => v.X, v => v.X));
        var (rc, rt) = (control.Select(v => v.Y - theta * v.X).ToList(), treatment.Select(v => v.Y - theta * v.X).ToList());
        double VarianceOfMean(List<double> r) => r.Sum(x => (x - r.Average()) * (x - r.Average())) / (r.Count - 1) / r.Count;

        Assert.Equal(theta, cuped.Theta, 1e-9);
        Assert.Equal(rt.Average() - rc.Average(), cuped.Difference, 1e-6);
        Assert.Equal(Math.Sqrt(VarianceOfMean(rc) + VarianceOfMean(rt)), cuped.StandardError, 1e-6);
        Assert.Equal(control.Average(v => v.Y), cuped.ControlMean, 1e-9);
        Assert.InRange(cuped.VarianceRemoved, 0.15, 0.35);
    }

    [Fact]
    public void Without_a_varying_cart_value_there_is_nothing_to_adjust()
    {
        var revenue = new Sample(100, 3_000, 120_000);
        Assert.Null(Cuped.Adjust(revenue, default, revenue, default));
        Assert.Null(Cuped.Adjust(revenue, new Known(new Covariate(8_000, 640_000, 240_000)), revenue, new Known(new Covariate(8_000, 640_000, 240_000))));
    }

    [Trait("Category", "Simulation")]
    [Fact]
    public void With_a_cart_value_correlated_0_5_with_revenue_a_fifth_fewer_visitors_give_the_same_interval()
    {
        const int visitorsPerArm = 10_000;
        var runs = Enumerable.Range(0, Simulation.Runs(200, 2_000)).AsParallel().Select(run =>
        {
            var random = new Random(25_40 * 100_000 + run);
            var (control, treatment) = (Visitors(random, visitorsPerArm, 0), Visitors(random, visitorsPerArm, 0));
            var (c, t) = (SampleOf(control), SampleOf(treatment));
            var cuped = Cuped.Adjust(c, new Known(CovariateOf(control)), t, new Known(CovariateOf(treatment)))!;
            return (Raw: c.MeanVariance + t.MeanVariance, Adjusted: cuped.StandardError * cuped.StandardError);
        }).ToList();

        // The interval's width goes with the standard error, whose square goes with 1 / visitors.
        var needed = runs.Average(r => r.Adjusted) / runs.Average(r => r.Raw);
        output.WriteLine($"CUPED, cart value correlated 0.5 with revenue, {visitorsPerArm:N0} visitors per arm, {runs.Count} runs: the adjusted interval's width is reached with {needed:P1} of the visitors ({1 - needed:P1} fewer)");
        Assert.True(needed <= 0.8, $"needs {needed:P1} of the visitors");
    }

    [Trait("Category", "Simulation")]
    [Fact]
    public void AA_tests_on_adjusted_revenue_call_a_winner_in_5_percent_at_most_within_chance_over_28_daily_looks_and_never_flip()
    {
        var runs = Simulation.RevenueAa(Simulation.Runs(300, 5_000), 25_41, Options, () => new Sums(), random =>
        {
            var (x, y) = Visitor(random, lift: 0);
            return arm => arm.Add(x, y);
        }, (arm, key) => arm.Arm(key));

        var winners = runs.Count(r => r.Winner);
        output.WriteLine($"A/A on revenue per visitor with CUPED, 2,000 visitors a day, {runs.Count} runs x 28 daily looks: a winner called at some look in {Simulation.Share(winners, runs.Count)}, " +
            $"variance removed on day 28 {runs.Average(r => r.Removed):P1} on average, flips {runs.Count(r => r.Flipped)}");
        Assert.True(Simulation.NotAbove(winners, runs.Count, Options.Alpha), $"false winners {Simulation.Share(winners, runs.Count)}");
        Assert.Equal(0, runs.Count(r => r.Flipped));
    }

    [Trait("Category", "Simulation")]
    [Fact]
    public void A_real_6_percent_revenue_lift_is_called_more_often_with_the_carts_value_than_without()
    {
        var runs = Enumerable.Range(0, Simulation.Runs(200, 2_000)).AsParallel().Select(run =>
        {
            var random = new Random(25_42 * 100_000 + run);
            var (control, treatment) = (new Sums(), new Sums());
            var days = new List<DailyLook>();
            for (var day = 1; day <= Options.PlannedDays; day++)
            {
                foreach (var _ in Enumerable.Range(0, Simulation.DailyVisitors(2_000, day, random)))
                {
                    var treated = random.Next(2) == 1;
                    var (x, y) = Visitor(random, lift: treated ? 0.06 : 0);
                    (treated ? treatment : control).Add(x, y);
                }

                days.Add(new DailyLook(day, [control.Arm("control"), treatment.Arm("b")]));
            }

            // The same days judged once with the carts' value and once without it.
            var unadjusted = days.Select(d => d with { Arms = [.. d.Arms.Select(a => a with { Known = default })] }).ToList();
            return (Adjusted: Called(days), Raw: Called(unadjusted));
        }).ToList();

        var (adjusted, raw) = (runs.Count(r => r.Adjusted), runs.Count(r => r.Raw));
        output.WriteLine($"+6% revenue per visitor, 2,000 visitors a day, {runs.Count} runs x 28 daily looks: called for the variant in {Simulation.Share(adjusted, runs.Count)} with CUPED, {Simulation.Share(raw, runs.Count)} without");
        Assert.True(adjusted > raw + 0.05 * runs.Count, $"with CUPED {adjusted}, without {raw}");
    }

    // The first decisive day's verdict stays for the phase, so the verdict on the last day is the one reached.
    private static bool Called(List<DailyLook> days) =>
        ExperimentAnalysis.Analyze(days[^1].Arms, days, Metric.RevenuePerVisitor, Options).Verdict.Kind == VerdictKind.VariantWins;

    // Cart value and revenue, jointly normal with correlation 0.5; the treatment lifts revenue by lift.
    private static (double X, double Y) Visitor(Random random, double lift)
    {
        var (a, b) = (Normal.Sample(random, 0, 1), Normal.Sample(random, 0, 1));
        return (Math.Round(8_000 + 3_000 * a), Math.Round((300 + 1_000 * (0.5 * a + Math.Sqrt(0.75) * b)) * (1 + lift)));
    }

    private static List<(double X, double Y)> Visitors(Random random, int count, double lift) => [.. Enumerable.Range(0, count).Select(_ => Visitor(random, lift))];

    private static Sample SampleOf(List<(double X, double Y)> visitors) => new(visitors.Count, visitors.Sum(v => v.Y), visitors.Sum(v => v.Y * v.Y));

    private static Covariate CovariateOf(List<(double X, double Y)> visitors) => new(visitors.Sum(v => v.X), visitors.Sum(v => v.X * v.X), visitors.Sum(v => v.X * v.Y));

    private sealed class Sums
    {
        private long _n;
        private double _y, _yy, _x, _xx, _xy;

        public void Add(double x, double y) => (_n, _y, _yy, _x, _xx, _xy) = (_n + 1, _y + y, _yy + y * y, _x + x, _xx + x * x, _xy + x * y);

        public Arm Arm(string key) => new(key, 0.5, Sample.Binary(_n, 0), new Sample(_n, _y, _yy), default, new Known(new Covariate(_x, _xx, _xy)));
    }
}
