using Upsell.Domain.Statistics;

namespace Upsell.Domain.Tests.Statistics;

/// <summary>Seeded simulations: their CI size, or the big size docs/merchant.md records with UPSELL_SIMULATION=big.</summary>
public static class Simulation
{
    /// <summary>How many runs a simulation makes.</summary>
    public static int Runs(int ci, int big) =>
        string.Equals(Environment.GetEnvironmentVariable("UPSELL_SIMULATION"), "big", StringComparison.Ordinal) ? big : ci;

    /// <summary>A day's visitors: a weekly pattern (busier weekends) with ±20% noise around <paramref name="mean"/>.</summary>
    public static int DailyVisitors(int mean, int day, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double[] week = [0.85, 0.9, 0.9, 0.95, 1.05, 1.3, 1.05];
        return (int)Math.Round(mean * week[day % 7] * (0.8 + 0.4 * random.NextDouble()));
    }

    /// <summary>
    /// Whether <paramref name="count"/> of <paramref name="runs"/> is consistent with a rate of at most
    /// <paramref name="rate"/>: not above it by more than Monte Carlo error (a one-sided binomial test at 1%). A design
    /// that spends exactly its alpha lands above alpha in half of all run sets, by chance alone.
    /// </summary>
    public static bool NotAbove(int count, int runs, double rate) => count <= rate * runs + 2.326 * Math.Sqrt(rate * (1 - rate) * runs);

    /// <summary>A count of runs as a share with its 95% interval (Wilson), for the printed figures.</summary>
    public static string Share(int count, int runs)
    {
        var (p, z) = (count / (double)runs, 1.96);
        var centre = (p + z * z / (2 * runs)) / (1 + z * z / runs);
        var half = z * Math.Sqrt(p * (1 - p) / runs + z * z / (4.0 * runs * runs)) / (1 + z * z / runs);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{count}/{runs} ({p:P1}, 95% interval {Math.Max(0, centre - half):P1} to {Math.Min(1, centre + half):P1})");
    }

    /// <summary>
    /// A/A experiments on revenue per visitor, judged at the end of each planned day, about 2,000 visitors a day split
    /// between two arms by chance: <paramref name="newArm"/> starts an arm, <paramref name="visitor"/> draws one visitor
    /// and says how to add them to an arm, <paramref name="totals"/> says an arm's totals. Each run says whether a winner was called at some look,
    /// whether a later look said otherwise, and the share of the variance CUPED removed on the last day.
    /// </summary>
    public static List<(bool Winner, bool Flipped, double Removed)> RevenueAa<TArm>(
        int runs, int seed, ReportOptions options, Func<TArm> newArm, Func<Random, Action<TArm>> visitor, Func<TArm, string, Arm> totals)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [.. Enumerable.Range(0, runs).AsParallel().AsOrdered().Select(run =>
        {
            var random = new Random(seed * 100_000 + run);
            var (control, treatment) = (newArm(), newArm());
            var days = new List<DailyLook>();
            VerdictKind? decided = null;
            var (flipped, removed) = (false, 0.0);
            for (var day = 1; day <= options.PlannedDays; day++)
            {
                foreach (var _ in Enumerable.Range(0, DailyVisitors(2_000, day, random)))
                {
                    var add = visitor(random);
                    add(random.Next(2) == 0 ? control : treatment);
                }

                days.Add(new DailyLook(day, [totals(control, "control"), totals(treatment, "b")]));
                var analysis = ExperimentAnalysis.Analyze(days[^1].Arms, days, Metric.RevenuePerVisitor, options);
                removed = analysis.Variants[0].On(Metric.RevenuePerVisitor).Cuped?.Today.VarianceRemoved ?? 0;
                var kind = analysis.Verdict.Kind;
                flipped |= decided is { } before && kind != before;
                decided ??= kind == VerdictKind.KeepRunning ? null : kind;
            }

            return (Winner: decided is VerdictKind.VariantWins or VerdictKind.ControlWins, Flipped: flipped, Removed: removed);
        })];
    }
}
