using MathNet.Numerics;

namespace Upsell.Domain.Statistics;

/// <summary>The sample-ratio-mismatch check: are the arms' unit counts what their weights promise?</summary>
public static class SampleRatio
{
    /// <summary>The chi-square goodness-of-fit statistic and p-value of the counts against the weights.</summary>
    public static (double ChiSquare, double PValue) Test(IReadOnlyList<long> counts, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(weights);
        if (counts.Count != weights.Count || counts.Count < 2)
        {
            throw new ArgumentException("Give one weight per count, and at least two arms.", nameof(weights));
        }

        var total = counts.Sum();
        var weightSum = weights.Sum();
        if (total == 0 || weightSum <= 0)
        {
            return (0, 1);
        }

        var chi = 0.0;
        for (var i = 0; i < counts.Count; i++)
        {
            var expected = total * weights[i] / weightSum;
            if (expected <= 0)
            {
                // An arm weighted 0 that still got visitors is a mismatch beyond doubt.
                chi = counts[i] > 0 ? double.PositiveInfinity : chi;
                continue;
            }

            chi += (counts[i] - expected) * (counts[i] - expected) / expected;
        }

        var freedom = weights.Count(w => w > 0) - 1;
        var p = double.IsPositiveInfinity(chi) ? 0 : freedom < 1 ? 1 : SpecialFunctions.GammaUpperRegularized(freedom / 2.0, chi / 2);
        return (chi, p);
    }
}
