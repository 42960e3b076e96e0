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

    /// <summary>
    /// The weights the bandit sets now: the same ones until every arm is past the burn-in, then Thompson's with the
    /// floor. An arm the checkout guardrail refused (<paramref name="refused"/>, by key) is no longer a candidate for
    /// best: it keeps only the floor, so it costs as few orders as the bandit allows while its numbers stay measured.
    /// With <paramref name="guarded"/> (a moment before the order) control keeps at least
    /// <see cref="BanditOptions.GuardedControlWeight"/>, the other arms sharing the rest as Thompson's weights do.
    /// </summary>
    public IReadOnlyList<double> NextWeights(BanditOptions options, IReadOnlySet<string>? refused = null, bool guarded = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!BurnedIn)
        {
            return [.. Arms.Select(a => a.Weight)];
        }

        var candidates = Arms.Select(a => refused?.Contains(a.Key) == true ? 0 : a.ChanceToBeBest).ToList();
        var total = candidates.Sum();
        var kept = Arms.Count(a => refused?.Contains(a.Key) != true);
        List<double> chances = total > 0 ? [.. candidates.Select(c => c / total)]
            : [.. Arms.Select(a => refused?.Contains(a.Key) == true || kept == 0 ? 0 : 1.0 / kept)];
        var weights = ThompsonSampling.Weights(chances, options.FloorWeight);
        return guarded ? WithControlAtLeast(weights, options.GuardedControlWeight, options.FloorWeight) : weights;
    }

    // Control (arm 0) raised to at least its share; the others keep their floor and split what is left as before.
    private static double[] WithControlAtLeast(double[] weights, double share, double floor)
    {
        var k = weights.Length;
        floor = Math.Clamp(floor, 0, 1.0 / k);
        share = Math.Min(share, 1 - (k - 1) * floor);
        if (k < 2 || weights[0] >= share)
        {
            return weights;
        }

        var above = weights.Skip(1).Sum(w => w - floor);
        var spare = 1 - share - (k - 1) * floor;
        return [share, .. weights.Skip(1).Select(w => floor + (above > 0 ? spare * (w - floor) / above : spare / (k - 1)))];
    }
}
