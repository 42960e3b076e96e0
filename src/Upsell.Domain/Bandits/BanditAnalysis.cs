using Upsell.Domain.Statistics;

namespace Upsell.Domain.Bandits;

/// <summary>One bandit arm as judged: its weight now, its period-weighted estimate and interval, its chance of being best and the expected loss of choosing it.</summary>
public sealed record BanditArm(string Key, double Weight, ArmEstimate Estimate, Interval CredibleInterval, double ChanceToBeBest, double ExpectedLoss);

/// <summary>
/// A bandit phase judged from its periods: each arm's period-weighted estimate (<see cref="PeriodWeighting"/>), its
/// chance of being best by Thompson sampling (which moves the traffic), the sequential sample-ratio check against
/// each period's weights, and the call (<see cref="BanditVerdict"/>), taken at the end of each completed UTC day. At a
/// moment before the order the checkout guardrail judges each arm's completion against control's too
/// (<see cref="CheckoutGuardrail"/>): a refused arm keeps only the floor of the traffic and is never shipped.
/// </summary>
public sealed record BanditAnalysis(
    Metric Metric, bool BurnedIn, IReadOnlyList<BanditArm> Arms, double SampleRatioChiSquare, double SampleRatioPValue, bool SampleRatioMismatch, int DaysJudged, Verdict Verdict,
    IReadOnlyList<GuardrailResult> Guardrail, bool Guarded = false)
{
    /// <summary>What the bandit's verdict rests on, for the report to say.</summary>
    public const string DecisionBasis =
        "Thompson sampling on period-weighted estimates (each arm's mean of its per-period means, weighted by each period's visitors, so moving weights do not bias it) moves the traffic; an arm is called best only when a group-sequential test, looked at once at the end of every UTC day over the planned days, shows it above every other arm (alpha split evenly across the pairs), and the call stays; the sample-ratio check is sequential against each period's weights; at a moment before the order control keeps a guarded share, and an arm whose checkout completion is shown below control's by more than the margin (the checkout guardrail, judged period by period) keeps only the floor and is not shipped";

    /// <summary>
    /// Judges the arms (control first) from the periods of the phase, oldest first, the last ending at
    /// <paramref name="now"/>. <paramref name="seed"/> fixes the Monte Carlo draws, so the same data gives the same figures.
    /// With <paramref name="guarded"/> (a moment before the order) the periods' checkout completion is judged too.
    /// </summary>
    public static BanditAnalysis Analyze(
        IReadOnlyList<string> keys, IReadOnlyList<double> weights, IReadOnlyList<BanditPeriod> periods, Metric metric, BanditOptions options, ReportOptions report, int seed, DateTimeOffset now,
        bool guarded = false)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        var allocation = BanditAllocation.Of(keys, weights, periods, metric, options, report.Alpha, seed);
        var (arms, burnedIn) = (allocation.Arms, allocation.BurnedIn);

        // Each period promises its visitors in its own split; the sum of those promises is what the arms should have.
        var total = periods.Sum(p => (double)p.Visitors);
        var expected = total > 0
            ? Enumerable.Range(0, keys.Count).Select(i => periods.Sum(p => p.Visitors * p.Weights[i]) / total).ToList()
            : [.. weights];
        var (chi, _) = SampleRatio.Test([.. arms.Select(a => a.Estimate.Pooled.Count)], expected);

        var days = CompletedDays(periods, now, report.PlannedDays);
        var call = Call(days, keys.Count, report);
        // The evidence against each period's weights multiplies over the periods.
        var (alarm, largest) = SampleRatio.FirstAlarm(
            days.Select(d => d.Periods.Sum(p => SampleRatio.Evidence([.. p.Samples.Select(s => s.Count)], p.Weights))), report.SampleRatioThreshold);
        var srmP = SampleRatio.PValueOf(largest);
        var judged = days.Count > 0 ? days[^1].Day : 0;
        var guardrail = guarded ? CheckoutGuardrail.Judge(keys, days, report) : [];
        var verdict = BanditVerdict.Judge(arms, metric, burnedIn, call, alarm is { } a ? days[a].Day : null, srmP, judged, options, report, guardrail);
        return new BanditAnalysis(metric, burnedIn, arms, chi, srmP, alarm is not null, judged, verdict, guardrail, guarded);
    }

    /// <summary>
    /// The weights the bandit sets now (<see cref="BanditAllocation.NextWeights"/>): at a moment before the order,
    /// control keeps its guarded share and the guardrail's refused arms only the floor.
    /// </summary>
    public IReadOnlyList<double> NextWeights(BanditOptions options) =>
        new BanditAllocation(Arms, BurnedIn).NextWeights(options, Guardrail.Where(g => g.RefusedOnDay is not null).Select(g => g.Variant).ToHashSet(StringComparer.Ordinal), Guarded);

    // The periods that had ended by the end of each completed UTC day of the phase (day 1 is the day it started on),
    // up to the planned days: after them no alpha is left to decide with.
    private static List<(int Day, IReadOnlyList<BanditPeriod> Periods)> CompletedDays(IReadOnlyList<BanditPeriod> periods, DateTimeOffset now, int planned)
    {
        var looks = new List<(int, IReadOnlyList<BanditPeriod>)>();
        if (periods.Count == 0)
        {
            return looks;
        }

        var first = new DateTimeOffset(periods[0].Start.UtcDateTime.Date, TimeSpan.Zero);
        for (var day = 1; day <= planned && first.AddDays(day) <= now; day++)
        {
            var end = first.AddDays(day);
            looks.Add((day, [.. periods.TakeWhile(p => p.End <= end)]));
        }

        return looks;
    }

    // The arm shown above every other arm, and the look that showed it: the earliest, for good.
    private static (int Arm, int Look)? Call(List<(int Day, IReadOnlyList<BanditPeriod> Periods)> days, int arms, ReportOptions report)
    {
        var alpha = report.Alpha / (arms * (arms - 1) / 2);
        var wins = new int?[arms, arms];
        for (var i = 0; i < arms; i++)
        {
            for (var j = i + 1; j < arms; j++)
            {
                var looks = days.Select(d => PeriodWeighting.Pair(d.Periods, j, i, Math.Min(1, d.Day / (double)report.PlannedDays))).ToList();
                var test = SequentialTest.Judge(looks, alpha, 0);
                if (test.DecidedAt is { } at)
                {
                    wins[test.Direction > 0 ? j : i, test.Direction > 0 ? i : j] = at;
                }
            }
        }

        (int Arm, int Look)? call = null;
        for (var i = 0; i < arms; i++)
        {
            var beaten = Enumerable.Range(0, arms).Where(j => j != i).Select(j => wins[i, j]).ToList();
            if (beaten.All(at => at is not null) && (call is null || beaten.Max()!.Value < call.Value.Look))
            {
                call = (i, beaten.Max()!.Value);
            }
        }

        return call;
    }
}
