using Upsell.Domain.Statistics;

namespace Upsell.Domain.Bandits;

/// <summary>One bandit arm as judged: its weight now, its period-weighted estimate and interval, its chance of being best and the expected loss of choosing it.</summary>
public sealed record BanditArm(string Key, double Weight, ArmEstimate Estimate, Interval CredibleInterval, double ChanceToBeBest, double ExpectedLoss);

/// <summary>
/// A bandit phase judged from its periods: each arm's period-weighted estimate (<see cref="PeriodWeighting"/>), its
/// chance of being best by Thompson sampling, the sample-ratio check against each period's weights, the verdict
/// (<see cref="BanditVerdict"/>) and the weights the next reallocation sets.
/// </summary>
public sealed record BanditAnalysis(Metric Metric, bool BurnedIn, IReadOnlyList<BanditArm> Arms, double SampleRatioChiSquare, double SampleRatioPValue, bool SampleRatioMismatch, Verdict Verdict)
{
    /// <summary>What the bandit's verdict rests on, for the report to say.</summary>
    public const string DecisionBasis =
        "Thompson sampling on period-weighted estimates (each arm's mean of its per-period means, weighted by each period's visitors, so moving weights do not bias it); the leader is called at the configured chance of being the best arm";

    /// <summary>
    /// Judges the arms (control first) from the periods of the phase, oldest first. <paramref name="seed"/> fixes
    /// the Monte Carlo draws, so the same data gives the same figures.
    /// </summary>
    public static BanditAnalysis Analyze(IReadOnlyList<string> keys, IReadOnlyList<double> weights, IReadOnlyList<BanditPeriod> periods, Metric metric, BanditOptions options, ReportOptions report, int seed)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        var merged = PeriodWeighting.Merged(periods);
        var estimates = Enumerable.Range(0, keys.Count).Select(i => PeriodWeighting.Estimate(merged, i)).ToList();
        var (best, loss) = ThompsonSampling.Draw(estimates, metric, options.Draws, new Random(seed));
        var z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 1 - report.Alpha / 2);
        var arms = keys.Select((key, i) =>
        {
            var half = z * Math.Sqrt(estimates[i].MeanVariance);
            return new BanditArm(key, weights[i], estimates[i], new Interval(estimates[i].Mean - half, estimates[i].Mean + half), best[i], loss[i]);
        }).ToList();
        var burnedIn = estimates.All(e => e.Pooled.Count >= options.BurnInVisitors);

        // Each period promises its visitors in its own split; the sum of those promises is what the arms should have.
        var total = periods.Sum(p => (double)p.Visitors);
        var expected = total > 0
            ? Enumerable.Range(0, keys.Count).Select(i => periods.Sum(p => p.Visitors * p.Weights[i]) / total).ToList()
            : [.. weights];
        var (chi, p) = SampleRatio.Test([.. estimates.Select(e => e.Pooled.Count)], expected);
        var mismatch = p < report.SampleRatioThreshold;
        return new BanditAnalysis(metric, burnedIn, arms, chi, p, mismatch, BanditVerdict.Judge(arms, metric, burnedIn, mismatch, p, options, report.Currency));
    }

    /// <summary>The weights the bandit sets now: the same ones until every arm is past the burn-in, then Thompson's with the floor.</summary>
    public IReadOnlyList<double> NextWeights(BanditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return BurnedIn ? ThompsonSampling.Weights([.. Arms.Select(a => a.ChanceToBeBest)], options.FloorWeight) : [.. Arms.Select(a => a.Weight)];
    }
}
