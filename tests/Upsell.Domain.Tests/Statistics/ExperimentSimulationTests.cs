using MathNet.Numerics.Distributions;
using Upsell.Domain.Statistics;
using Xunit.Abstractions;

namespace Upsell.Domain.Tests.Statistics;

/// <summary>
/// Seeded fixed-split experiments run as a merchant reads them: the report judged at the end of every day for the 28
/// planned days, traffic varying by day (busier weekends, ±20% noise), visitors split 50/50 by chance. Each run
/// records the first verdict reached and whether any later day said otherwise (a flip).
/// </summary>
[Trait("Category", "Simulation")]
public class ExperimentSimulationTests(ITestOutputHelper output)
{
    private static readonly ReportOptions Options = new();

    [Fact]
    public void AA_tests_call_a_winner_in_5_percent_at_most_within_chance_raise_a_split_alarm_in_at_most_1_percent_and_never_flip()
    {
        var runs = Simulate(Simulation.Runs(600, 40_000), visitorsPerDay: 2_000, rate: 0.05, lift: 0, seed: 25_01);

        var winners = runs.Count(r => r.Decided is VerdictKind.VariantWins or VerdictKind.ControlWins);
        var alarms = runs.Count(r => r.SampleRatioAlarm);
        output.WriteLine($"A/A, 5%, 2,000 visitors a day, {runs.Count} runs x 28 daily looks: a winner called at some look in {Simulation.Share(winners, runs.Count)}, " +
            $"a sample-ratio alarm in {Simulation.Share(alarms, runs.Count)}, \"no detectable difference\" in {Simulation.Share(runs.Count(r => r.Decided == VerdictKind.NoDetectableDifference), runs.Count)}, flips {runs.Count(r => r.Flipped)}");
        Assert.True(Simulation.NotAbove(winners, runs.Count, Options.Alpha), $"false winners {Simulation.Share(winners, runs.Count)}");
        Assert.True(alarms <= 0.01 * runs.Count, $"sample-ratio false alarms {Simulation.Share(alarms, runs.Count)}");
        Assert.Equal(0, runs.Count(r => r.Flipped));
    }

    [Fact]
    public void A_real_10_percent_lift_at_2000_a_day_is_called_in_60_percent_and_almost_never_called_no_difference()
    {
        var runs = Simulate(Simulation.Runs(300, 3_000), visitorsPerDay: 2_000, rate: 0.05, lift: 0.1, seed: 25_02);

        var called = runs.Count(r => r.Decided == VerdictKind.VariantWins);
        var noDifference = runs.Count(r => r.Decided == VerdictKind.NoDetectableDifference);
        output.WriteLine($"+10% on 5%, 2,000 visitors a day, {runs.Count} runs: called for the variant in {Simulation.Share(called, runs.Count)}, " +
            $"\"no detectable difference\" at some look in {Simulation.Share(noDifference, runs.Count)}, control called in {runs.Count(r => r.Decided == VerdictKind.ControlWins)}, flips {runs.Count(r => r.Flipped)}");
        Assert.True(called >= 0.6 * runs.Count, $"called {Simulation.Share(called, runs.Count)}");
        Assert.True(noDifference <= 0.05 * runs.Count, $"no detectable difference {Simulation.Share(noDifference, runs.Count)}");
        Assert.Equal(0, runs.Count(r => r.Flipped));
    }

    [Fact]
    public void A_real_10_percent_lift_at_8000_a_day_is_called_and_the_median_days_to_a_verdict_are_printed()
    {
        var runs = Simulate(Simulation.Runs(200, 1_000), visitorsPerDay: 8_000, rate: 0.05, lift: 0.1, seed: 25_03);

        var called = runs.Where(r => r.Decided == VerdictKind.VariantWins).Select(r => r.DecidedOn).Order().ToList();
        output.WriteLine($"+10% on 5%, 8,000 visitors a day, {runs.Count} runs: called for the variant in {Simulation.Share(called.Count, runs.Count)}, median day of the verdict {called[called.Count / 2]}, " +
            $"\"no detectable difference\" in {runs.Count(r => r.Decided == VerdictKind.NoDetectableDifference)}, flips {runs.Count(r => r.Flipped)}");
        Assert.True(called.Count >= 0.95 * runs.Count, $"called {Simulation.Share(called.Count, runs.Count)}");
        Assert.Equal(0, runs.Count(r => r.Flipped));
    }

    [Theory]
    [InlineData(-0.05, 0.8, 1.0)]
    [InlineData(0.0, 0.0, 0.05)]
    public void The_checkout_guardrail_refuses_a_winner_that_costs_orders_and_rarely_one_that_does_not(double completionChange, double atLeast, double atMost)
    {
        // 8,000 visitors a day; acceptance 5% against 6% (+20%); 40% of exposed visitors order in control.
        var runs = Enumerable.Range(0, Simulation.Runs(200, 1_000)).AsParallel().AsOrdered().Select(run =>
        {
            var random = new Random(25_04 * 100_000 + run + (completionChange < 0 ? 0 : 50_000));
            long nc = 0, ac = 0, oc = 0, nt = 0, at = 0, ot = 0;
            var days = new List<DailyLook>();
            ExperimentAnalysis? analysis = null;
            for (var day = 1; day <= Options.PlannedDays; day++)
            {
                var visitors = Simulation.DailyVisitors(8_000, day, random);
                var control = Binomial.Sample(random, 0.5, visitors);
                (nc, nt) = (nc + control, nt + visitors - control);
                (ac, at) = (ac + Binomial.Sample(random, 0.05, control), at + Binomial.Sample(random, 0.06, visitors - control));
                (oc, ot) = (oc + Binomial.Sample(random, 0.4, control), ot + Binomial.Sample(random, 0.4 * (1 + completionChange), visitors - control));
                days.Add(new DailyLook(day, [new Arm("control", 0.5, Sample.Binary(nc, ac), default, Sample.Binary(nc, oc)), new Arm("b", 0.5, Sample.Binary(nt, at), default, Sample.Binary(nt, ot))]));
                analysis = ExperimentAnalysis.Analyze(days[^1].Arms, days, Metric.AcceptanceRate, Options, guarded: true);
            }

            return (Won: analysis!.Verdict.Kind == VerdictKind.VariantWins, Refused: analysis.Guardrail[0].RefusedOnDay, analysis.Verdict.Text);
        }).ToList();

        var refused = runs.Count(r => r.Refused is not null);
        output.WriteLine($"Acceptance +20%, completion {completionChange:+0%;-0%}, 8,000 visitors a day, {runs.Count} runs: the variant wins on acceptance in {runs.Count(r => r.Won)}, " +
            $"the guardrail refuses it by day 28 in {refused} ({refused / (double)runs.Count:P1}), on day {(refused > 0 ? runs.Where(r => r.Refused is not null).Select(r => r.Refused!.Value).Order().ElementAt(refused / 2) : 0)} at the median");
        Assert.InRange(refused / (double)runs.Count, atLeast, atMost);
        Assert.All(runs.Where(r => r.Refused is not null && r.Won), r => Assert.EndsWith("Do not ship it.", r.Text, StringComparison.Ordinal));
    }

    private static List<Run> Simulate(int runs, int visitorsPerDay, double rate, double lift, int seed) =>
        [.. Enumerable.Range(0, runs).AsParallel().AsOrdered().Select(run => SimulateOne(visitorsPerDay, rate, lift, new Random(seed * 100_000 + run)))];

    private static Run SimulateOne(int visitorsPerDay, double rate, double lift, Random random)
    {
        long nc = 0, ac = 0, nt = 0, at = 0;
        var days = new List<DailyLook>();
        VerdictKind? decided = null;
        var (decidedOn, flipped, alarm) = (0, false, false);
        for (var day = 1; day <= Options.PlannedDays; day++)
        {
            var visitors = Simulation.DailyVisitors(visitorsPerDay, day, random);
            var control = Binomial.Sample(random, 0.5, visitors);
            nc += control;
            nt += visitors - control;
            ac += Binomial.Sample(random, rate, control);
            at += Binomial.Sample(random, rate * (1 + lift), visitors - control);
            days.Add(new DailyLook(day, [Arm("control", nc, ac), Arm("b", nt, at)]));

            var analysis = ExperimentAnalysis.Analyze(days[^1].Arms, days, Metric.AcceptanceRate, Options);
            var kind = analysis.Verdict.Kind;
            alarm |= analysis.SampleRatioMismatch;
            if (decided is { } before)
            {
                flipped |= kind != before;
            }
            else if (kind != VerdictKind.KeepRunning)
            {
                (decided, decidedOn) = (kind, day);
            }
        }

        return new Run(decided, decidedOn, flipped, alarm);
    }

    private static Arm Arm(string key, long visitors, long accepting) => new(key, 0.5, Sample.Binary(visitors, accepting), default);

    private sealed record Run(VerdictKind? Decided, int DecidedOn, bool Flipped, bool SampleRatioAlarm);
}
