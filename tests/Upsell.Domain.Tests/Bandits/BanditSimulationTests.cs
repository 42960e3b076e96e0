using MathNet.Numerics.Distributions;
using Upsell.Domain.Bandits;
using Upsell.Domain.Statistics;
using Xunit.Abstractions;

namespace Upsell.Domain.Tests.Bandits;

/// <summary>
/// Seeded bandits run as the product runs them: 3,000 visitors a day for 28 days, reallocated every hour after the
/// burn-in, each hour's visitors split by the weights then set. Regret is the accepts lost against showing the best
/// arm to everyone (expected, from the true rates), measured against an equal fixed split of the same traffic.
/// </summary>
public class BanditSimulationTests(ITestOutputHelper output)
{
    private const int Runs = 100;
    private const int Days = 28;
    private const int VisitorsPerHour = 3_000 / 24;
    private static readonly BanditOptions Options = new() { Draws = 1_000 };
    private static readonly string[] Keys = ["control", "five", "six"];

    [Fact]
    public void Arms_at_4_5_and_6_percent_send_most_traffic_to_the_best_call_it_in_90_percent_of_runs_and_lose_less_than_a_fixed_split()
    {
        var runs = Simulate([0.04, 0.05, 0.06], seed: 18);

        var called = runs.Count(r => r.Verdict.Variant == "six" && r.Verdict.Kind == VerdictKind.VariantWins);
        var mostTraffic = runs.Count(r => r.FinalWeights[2] > 0.5);
        var banditRegret = runs.Average(r => r.Regret);
        var fixedRegret = runs.Average(r => r.FixedRegret);
        output.WriteLine($"4/5/6%, {Runs} runs: best arm called in {called}/{Runs}, ends with most traffic in {mostTraffic}/{Runs} " +
            $"(mean final weight {runs.Average(r => r.FinalWeights[2]):P0}, mean share of all visitors {runs.Average(r => r.BestShare):P0}); " +
            $"regret {banditRegret:F0} accepts against {fixedRegret:F0} for an equal fixed split ({1 - banditRegret / fixedRegret:P0} fewer)");
        Assert.True(called >= 0.9 * Runs, $"called in {called} of {Runs}");
        Assert.True(mostTraffic >= 0.9 * Runs, $"most traffic in {mostTraffic} of {Runs}");
        Assert.True(banditRegret < fixedRegret, $"bandit regret {banditRegret:F0}, fixed {fixedRegret:F0}");
    }

    [Fact]
    public void An_AA_bandit_rarely_calls_a_best_arm_and_its_false_calls_are_printed()
    {
        var runs = Simulate([0.05, 0.05, 0.05], seed: 19);

        var calledAtEnd = runs.Count(r => r.Verdict.Kind is VerdictKind.VariantWins or VerdictKind.ControlWins);
        var calledAtSomeDay = runs.Count(r => r.CalledOnSomeDay);
        output.WriteLine($"A/A bandit (5/5/5%), {Runs} runs: a best arm called at day 28 in {calledAtEnd}/{Runs}, at some daily look in {calledAtSomeDay}/{Runs}");
        Assert.True(calledAtEnd <= 0.1 * Runs, $"false calls at the end: {calledAtEnd} of {Runs}");
        Assert.All(runs, r => Assert.Equal(0, r.Regret));
    }

    private static List<Run> Simulate(double[] rates, int seed) =>
        [.. Enumerable.Range(0, Runs).AsParallel().AsOrdered().Select(run => SimulateOne(rates, new Random(seed * 10_000 + run)))];

    private static Run SimulateOne(double[] rates, Random random)
    {
        var best = rates.Max();
        var weights = Enumerable.Repeat(1.0 / rates.Length, rates.Length).ToArray();
        var periods = new List<BanditPeriod>();
        double regret = 0, fixedRegret = 0, bestVisitors = 0, allVisitors = 0;
        var calledOnSomeDay = false;
        BanditAnalysis? analysis = null;
        var start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        for (var hour = 0; hour < Days * 24; hour++)
        {
            var counts = Split(VisitorsPerHour, weights, random);
            var samples = counts.Select((n, i) => Sample.Binary(n, n == 0 ? 0 : Binomial.Sample(random, rates[i], (int)n))).ToList();
            periods.Add(new BanditPeriod(start.AddHours(hour), weights, samples));
            regret += counts.Select((n, i) => n * (best - rates[i])).Sum();
            fixedRegret += Split(VisitorsPerHour, [.. Enumerable.Repeat(1.0 / rates.Length, rates.Length)], random).Select((n, i) => n * (best - rates[i])).Sum();
            bestVisitors += counts.Where((_, i) => rates[i] == best).Sum();
            allVisitors += VisitorsPerHour;

            analysis = BanditAnalysis.Analyze(Keys, weights, periods, Metric.AcceptanceRate, Options, new ReportOptions(), seed: hour);
            weights = [.. analysis.NextWeights(Options)];
            if (hour % 24 == 23)
            {
                calledOnSomeDay |= analysis.Verdict.Kind is VerdictKind.VariantWins or VerdictKind.ControlWins;
            }
        }

        return new Run(analysis!.Verdict, weights, regret, fixedRegret, bestVisitors / allVisitors, calledOnSomeDay);
    }

    // A multinomial split of the hour's visitors by the weights, one binomial per arm.
    private static long[] Split(int visitors, double[] weights, Random random)
    {
        var counts = new long[weights.Length];
        var left = visitors;
        var rest = 1.0;
        for (var i = 0; i < weights.Length - 1; i++)
        {
            counts[i] = left == 0 || rest <= 0 ? 0 : Binomial.Sample(random, Math.Clamp(weights[i] / rest, 0, 1), left);
            left -= (int)counts[i];
            rest -= weights[i];
        }

        counts[^1] = left;
        return counts;
    }

    private sealed record Run(Verdict Verdict, double[] FinalWeights, double Regret, double FixedRegret, double BestShare, bool CalledOnSomeDay);
}
