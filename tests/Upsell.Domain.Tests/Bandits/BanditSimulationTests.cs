using MathNet.Numerics.Distributions;
using Upsell.Domain.Bandits;
using Upsell.Domain.Statistics;
using Upsell.Domain.Tests.Statistics;
using Xunit.Abstractions;

namespace Upsell.Domain.Tests.Bandits;

/// <summary>
/// Seeded bandits run as the product runs them: traffic varying by day around 3,000 visitors, spread over the
/// hours, reallocated every hour after the burn-in with the weights then set, and the report read at the end of
/// every day for the 28 planned days. Regret is the accepts lost against showing the best arm to everyone
/// (expected, from the true rates), measured against an equal fixed split of the same traffic.
/// </summary>
[Trait("Category", "Simulation")]
public class BanditSimulationTests(ITestOutputHelper output)
{
    private const int Days = 28;
    private const int VisitorsPerDay = 3_000;
    private static readonly BanditOptions Options = new() { Draws = 500 };
    private static readonly ReportOptions Report = new();

    [Fact]
    public void Arms_at_4_5_and_6_percent_send_most_traffic_to_the_best_lose_less_than_a_fixed_split_and_any_call_names_the_best()
    {
        var runs = Simulate([0.04, 0.05, 0.06], Simulation.Runs(40, 200), seed: 18);

        var called = runs.Count(r => r.Verdict.Kind == VerdictKind.VariantWins && r.Verdict.Variant == "arm2");
        var wrong = runs.Count(r => r.Verdict.Kind is VerdictKind.VariantWins or VerdictKind.ControlWins && r.Verdict.Variant != "arm2");
        var mostTraffic = runs.Count(r => r.FinalWeights[2] > 0.5);
        var banditRegret = runs.Average(r => r.Regret);
        var fixedRegret = runs.Average(r => r.FixedRegret);
        output.WriteLine($"4/5/6%, {runs.Count} runs: best arm called by day 28 in {called}/{runs.Count} (median day {Median(runs.Where(r => r.CalledOn > 0).Select(r => r.CalledOn))}), another arm called in {wrong}; " +
            $"most traffic to the best in {mostTraffic}/{runs.Count} (mean final weight {runs.Average(r => r.FinalWeights[2]):P0}, mean share of all visitors {runs.Average(r => r.BestShare):P0}); " +
            $"regret {banditRegret:F0} accepts against {fixedRegret:F0} for an equal fixed split ({1 - banditRegret / fixedRegret:P0} fewer); flips {runs.Count(r => r.Flipped)}");
        Assert.True(mostTraffic >= 0.9 * runs.Count, $"most traffic in {mostTraffic} of {runs.Count}");
        Assert.True(banditRegret < fixedRegret, $"bandit regret {banditRegret:F0}, fixed {fixedRegret:F0}");
        Assert.Equal(0, wrong);
        Assert.Equal(0, runs.Count(r => r.Flipped));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void An_AA_bandit_names_a_best_arm_at_some_daily_look_in_at_most_5_percent_of_runs(int arms)
    {
        var runs = Simulate([.. Enumerable.Repeat(0.05, arms)], Simulation.Runs(30, 5_000), seed: 19 + arms);

        var calledAtSomeDay = runs.Count(r => r.CalledOn > 0);
        var alarms = runs.Count(r => r.SampleRatioAlarm);
        output.WriteLine($"A/A bandit, {arms} arms at 5%, {runs.Count} runs: a best arm called at some daily look in {Simulation.Share(calledAtSomeDay, runs.Count)}, " +
            $"sample-ratio alarms {alarms}, flips {runs.Count(r => r.Flipped)}");
        Assert.True(calledAtSomeDay <= 0.05 * runs.Count, $"false calls {calledAtSomeDay} of {runs.Count}");
        Assert.True(alarms <= 0.01 * runs.Count, $"sample-ratio alarms {alarms} of {runs.Count}");
        Assert.Equal(0, runs.Count(r => r.Flipped));
    }

    [Fact]
    public void In_a_3_arm_AA_bandit_the_period_weighted_estimates_are_unbiased_where_pooled_totals_are_not()
    {
        var runs = Simulate([0.05, 0.05, 0.05], Simulation.Runs(80, 1_000), seed: 25, judgeDaily: false);

        var bias = runs.Average(r => r.Estimates.Average()) - 0.05;
        var pooledBias = runs.Average(r => r.Pooled.Average()) - 0.05;
        var spread = Math.Sqrt(runs.Select(r => r.Estimates.Average() - 0.05 - bias).Average(d => d * d) / runs.Count);
        output.WriteLine($"3-arm A/A at 5%, {runs.Count} runs: period-weighted estimates average {bias * 100:+0.000;-0.000} percentage points off the truth (standard error {spread * 100:0.000}), " +
            $"pooled totals {pooledBias * 100:+0.000;-0.000}");
        Assert.InRange(bias, -0.0003, 0.0003);
    }

    [Theory]
    [InlineData(-0.05, 0.8, 1.0)]
    [InlineData(0.0, 0.0, 0.05)]
    public void The_checkout_guardrail_refuses_a_bandit_arm_that_costs_orders_holds_it_at_the_floor_and_rarely_refuses_one_that_does_not(double completionChange, double atLeast, double atMost)
    {
        // 8,000 visitors a day; acceptance 5% against 6% (+20%); 40% of exposed visitors order in control.
        var runs = Simulate([0.05, 0.06], Simulation.Runs(30, 1_000), seed: 26 + (completionChange < 0 ? 0 : 1), completion: [0.4, 0.4 * (1 + completionChange)], visitorsPerDay: 8_000);

        var refused = runs.Count(r => r.RefusedOn > 0);
        var won = runs.Count(r => r.Verdict.Kind == VerdictKind.VariantWins);
        output.WriteLine($"Bandit, acceptance +20%, completion {completionChange:+0%;-0%}, 8,000 visitors a day, {runs.Count} runs: the variant called best in {won}, " +
            $"the guardrail refuses it by day 28 in {Simulation.Share(refused, runs.Count)}, on day {Median(runs.Where(r => r.RefusedOn > 0).Select(r => r.RefusedOn))} at the median; " +
            $"its final weight {(refused > 0 ? runs.Where(r => r.RefusedOn > 0).Average(r => r.FinalWeights[1]) : 0):P1} where refused, {(refused < runs.Count ? runs.Where(r => r.RefusedOn == 0).Average(r => r.FinalWeights[1]) : 0):P1} where not");
        Assert.InRange(refused / (double)runs.Count, atLeast, atMost);
        Assert.All(runs.Where(r => r.RefusedOn is > 0 and < Days), r => Assert.Equal(Options.FloorWeight, r.FinalWeights[1], 6));
        Assert.All(runs, r => Assert.True(r.FinalWeights[0] >= Options.GuardedControlWeight - 1e-9, $"control's weight {r.FinalWeights[0]:P1}"));
        Assert.All(runs.Where(r => r.RefusedOn > 0 && r.Verdict.Kind == VerdictKind.VariantWins), r => Assert.EndsWith("Do not ship it.", r.Verdict.Text, StringComparison.Ordinal));
        Assert.Equal(0, runs.Count(r => r.Flipped));
    }

    private static int Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }

    private static List<Run> Simulate(double[] rates, int runs, int seed, bool judgeDaily = true, double[]? completion = null, int visitorsPerDay = VisitorsPerDay) =>
        [.. Enumerable.Range(0, runs).AsParallel().AsOrdered().Select(run => SimulateOne(rates, new Random(seed * 100_000 + run), judgeDaily, completion, visitorsPerDay))];

    // With completion rates, each period also counts the arms' exposed visitors who went on to order, and the report
    // judges the checkout guardrail: an arm it refused keeps only the floor from then on, as the timer sets it.
    private static Run SimulateOne(double[] rates, Random random, bool judgeDaily, double[]? completion, int visitorsPerDay)
    {
        HashSet<string> refused = [];
        var refusedOn = 0;
        var keys = rates.Select((_, i) => i == 0 ? "control" : "arm" + i).ToList();
        var best = rates.Max();
        var weights = Enumerable.Repeat(1.0 / rates.Length, rates.Length).ToArray();
        var periods = new List<BanditPeriod>();
        double regret = 0, fixedRegret = 0, bestVisitors = 0, allVisitors = 0;
        var (calledOn, flipped, alarm) = (0, false, false);
        Verdict? first = null, last = null;
        var start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        for (var day = 0; day < Days; day++)
        {
            var today = Simulation.DailyVisitors(visitorsPerDay, day, random);
            for (var hour = 0; hour < 24; hour++)
            {
                var visitors = today / 24 + (hour < today % 24 ? 1 : 0);
                var counts = Split(visitors, weights, random);
                var samples = counts.Select((n, i) => Sample.Binary(n, n == 0 ? 0 : Binomial.Sample(random, rates[i], (int)n))).ToList();
                var at = start.AddHours(day * 24 + hour);
                List<Sample>? completed = completion is null ? null : [.. counts.Select((n, i) => Sample.Binary(n, n == 0 ? 0 : Binomial.Sample(random, completion[i], (int)n)))];
                periods.Add(new BanditPeriod(at, at.AddHours(1), weights, samples, completed));
                regret += counts.Select((n, i) => n * (best - rates[i])).Sum();
                fixedRegret += Split(visitors, [.. Enumerable.Repeat(1.0 / rates.Length, rates.Length)], random).Select((n, i) => n * (best - rates[i])).Sum();
                bestVisitors += counts.Where((_, i) => rates[i] == best).Sum();
                allVisitors += visitors;
                weights = [.. BanditAllocation.Of(keys, weights, periods, Metric.AcceptanceRate, Options, Report.Alpha, seed: day * 24 + hour).NextWeights(Options, refused, guarded: completion is not null)];
            }

            if (judgeDaily || day == Days - 1)
            {
                var analysis = BanditAnalysis.Analyze(keys, weights, periods, Metric.AcceptanceRate, Options, Report, seed: day, now: start.AddDays(day + 1), guarded: completion is not null);
                var verdict = analysis.Verdict;
                foreach (var g in analysis.Guardrail.Where(g => g.RefusedOnDay is not null))
                {
                    refused.Add(g.Variant);
                    refusedOn = refusedOn == 0 ? g.RefusedOnDay!.Value : refusedOn;
                }

                alarm |= verdict.Kind == VerdictKind.SampleRatioMismatch || verdict.Text.Contains("sample-ratio", StringComparison.Ordinal);
                if (first is null && verdict.Kind is not VerdictKind.KeepRunning)
                {
                    first = verdict;
                    calledOn = verdict.Kind is VerdictKind.VariantWins or VerdictKind.ControlWins ? day + 1 : 0;
                }

                flipped |= first is not null && (verdict.Kind != first.Kind || verdict.Variant != first.Variant);
                last = verdict;
            }
        }

        var estimates = Enumerable.Range(0, rates.Length).Select(i => PeriodWeighting.Estimate(periods, i)).ToList();
        return new Run(last!, weights, regret, fixedRegret, bestVisitors / allVisitors, calledOn, flipped, alarm,
            [.. estimates.Select(e => e.Mean)], [.. estimates.Select(e => e.Pooled.Mean)], refusedOn);
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

    private sealed record Run(Verdict Verdict, double[] FinalWeights, double Regret, double FixedRegret, double BestShare, int CalledOn, bool Flipped, bool SampleRatioAlarm,
        double[] Estimates, double[] Pooled, int RefusedOn);
}
