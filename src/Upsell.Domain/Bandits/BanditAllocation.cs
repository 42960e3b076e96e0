using MathNet.Numerics.Distributions;
using Upsell.Domain.Statistics;

namespace Upsell.Domain.Bandits;

/// <summary>
/// What moves a bandit's traffic: each arm's period-weighted estimate (<see cref="PeriodWeighting"/>), its chance of
/// being best and expected loss by Thompson sampling, and whether every arm is past the burn-in. The hourly
/// reallocation needs only this; the report adds the verdict (<see cref="BanditAnalysis"/>).
/// </summary>
public sealed record BanditAllocation(IReadOnlyList<BanditArm> Arms, bool BurnedIn)
{
    /// <summary>
    /// The arms (control first) from the periods of the phase, oldest first. <paramref name="seed"/> fixes the Monte
    /// Carlo draws, so the same data gives the same figures.
    /// </summary>
    public static BanditAllocation Of(IReadOnlyList<string> keys, IReadOnlyList<double> weights, IReadOnlyList<BanditPeriod> periods, Metric metric, BanditOptions options, double alpha, int seed)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(options);
        var estimates = Enumerable.Range(0, keys.Count).Select(i => PeriodWeighting.Estimate(periods, i)).ToList();
        var (best, loss) = ThompsonSampling.Draw(estimates, metric, options.Draws, new Random(seed));
        var z = Normal.InvCDF(0, 1, 1 - alpha / 2);
        var arms = keys.Select((key, i) =>
        {
            var half = z * Math.Sqrt(estimates[i].MeanVariance);
            return new BanditArm(key, weights[i], estimates[i], new Interval(estimates[i].Mean - half, estimates[i].Mean + half), best[i], loss[i]);
        }).ToList();
        return new BanditAllocation(arms, estimates.All(e => e.Pooled.Count >= options.BurnInVisitors));
    }

    /// <summary>The weights the bandit sets now: the same ones until every arm is past the burn-in, then Thompson's with the floor.</summary>
    public IReadOnlyList<double> NextWeights(BanditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return BurnedIn ? ThompsonSampling.Weights([.. Arms.Select(a => a.ChanceToBeBest)], options.FloorWeight) : [.. Arms.Select(a => a.Weight)];
    }
}
