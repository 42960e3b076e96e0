using MathNet.Numerics.Distributions;
using Upsell.Domain.Statistics;

namespace Upsell.Domain.Bandits;

/// <summary>
/// Thompson sampling by Monte Carlo: each draw takes one value from every arm's posterior, and the share of draws an
/// arm wins is its chance of being the best, which is also the weight Thompson sampling gives it. Acceptance rate
/// has a Beta(1 + successes, 1 + failures) posterior over the arm's period-weighted rate and effective sample size;
/// revenue per visitor a normal one around the period-weighted mean. The expected loss of choosing an arm is the
/// mean, over the draws, of how far the best arm of the draw is above it.
/// </summary>
public static class ThompsonSampling
{
    /// <summary>Each arm's chance of being the best and expected loss of choosing it, from <paramref name="draws"/> draws.</summary>
    public static (double[] ChanceToBeBest, double[] ExpectedLoss) Draw(IReadOnlyList<ArmEstimate> arms, Metric metric, int draws, Random random)
    {
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(random);
        var wins = new double[arms.Count];
        var loss = new double[arms.Count];
        var values = new double[arms.Count];
        var widest = arms.Max(a => Math.Abs(a.Mean) + Math.Sqrt(a.MeanVariance)) + 1;
        for (var d = 0; d < draws; d++)
        {
            var best = 0;
            for (var i = 0; i < arms.Count; i++)
            {
                values[i] = Sample(arms[i], metric, widest, random);
                best = values[i] > values[best] ? i : best;
            }

            wins[best]++;
            for (var i = 0; i < arms.Count; i++)
            {
                loss[i] += values[best] - values[i];
            }
        }

        return ([.. wins.Select(w => w / draws)], [.. loss.Select(l => l / draws)]);
    }

    /// <summary>The weights to split new visitors by: each arm's chance of being best, lifted to the floor for every arm.</summary>
    public static double[] Weights(IReadOnlyList<double> chanceToBeBest, double floor)
    {
        ArgumentNullException.ThrowIfNull(chanceToBeBest);
        var k = chanceToBeBest.Count;
        var kept = Math.Clamp(floor, 0, 1.0 / k);
        return [.. chanceToBeBest.Select(p => kept + (1 - k * kept) * p)];
    }

    private static double Sample(ArmEstimate arm, Metric metric, double widest, Random random)
    {
        if (metric == Metric.AcceptanceRate)
        {
            var successes = Math.Clamp(arm.Mean, 0, 1) * arm.EffectiveSize;
            return Beta.Sample(random, 1 + successes, 1 + arm.EffectiveSize - successes);
        }

        // An arm without visitors knows nothing: a posterior far wider than any arm's.
        var sd = arm.EffectiveSize > 0 ? Math.Sqrt(arm.MeanVariance) : 1e3 * widest;
        return arm.Mean + sd * Normal.Sample(random, 0, 1);
    }
}
