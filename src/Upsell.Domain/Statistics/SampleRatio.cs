using MathNet.Numerics;

namespace Upsell.Domain.Statistics;

/// <summary>
/// The sample-ratio-mismatch check: are the arms' unit counts what their weights promise? The chi-square test
/// describes one look; the verdict uses the sequential test (<see cref="Evidence"/>), which may be looked at as
/// often as wanted: its false alarms stay under the threshold over every look together.
/// </summary>
public static class SampleRatio
{
    // How tightly the mixture's Dirichlet prior sits around the weights: arm shares a few points off the weights
    // (a prior standard deviation of about 5 points on a 50/50 split) are what a broken split looks like.
    private const double Concentration = 100;

    /// <summary>The chi-square goodness-of-fit statistic and p-value of the counts against the weights.</summary>
    public static (double ChiSquare, double PValue) Test(IReadOnlyList<long> counts, IReadOnlyList<double> weights)
    {
        Check(counts, weights);
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

    /// <summary>
    /// The log of the evidence against the weights in one stretch of counts split by them: the Dirichlet-multinomial
    /// mixture's Bayes factor (Lindon and Malek, "Anytime-valid inference for multinomial count data", 2022). Under
    /// the weights it is a nonnegative martingale of mean 1 as visitors arrive, so by Ville's inequality the chance it
    /// ever reaches 1/threshold is at most the threshold; stretches split by other weights (a bandit's periods)
    /// multiply, and the product keeps that promise. Infinite when an arm weighted 0 got units.
    /// </summary>
    public static double Evidence(IReadOnlyList<long> counts, IReadOnlyList<double> weights)
    {
        Check(counts, weights);
        var weightSum = weights.Sum();
        if (weightSum <= 0)
        {
            return 0;
        }

        var (logEvidence, prior, total) = (0.0, 0.0, 0L);
        for (var i = 0; i < counts.Count; i++)
        {
            var p = weights[i] / weightSum;
            if (p <= 0)
            {
                if (counts[i] > 0)
                {
                    return double.PositiveInfinity;
                }

                continue;
            }

            var a = Concentration * p;
            logEvidence += SpecialFunctions.GammaLn(a + counts[i]) - SpecialFunctions.GammaLn(a) - counts[i] * Math.Log(p);
            prior += a;
            total += counts[i];
        }

        return logEvidence + SpecialFunctions.GammaLn(prior) - SpecialFunctions.GammaLn(prior + total);
    }

    /// <summary>
    /// Over looks of log evidence, oldest first: the first look where it reached 1/<paramref name="threshold"/>
    /// (null if none) and the largest seen, so an alarm once raised stays.
    /// </summary>
    public static (int? At, double Largest) FirstAlarm(IEnumerable<double> logEvidence, double threshold)
    {
        ArgumentNullException.ThrowIfNull(logEvidence);
        var (at, largest, look) = ((int?)null, 0.0, 0);
        foreach (var evidence in logEvidence)
        {
            largest = Math.Max(largest, evidence);
            at ??= largest >= -Math.Log(threshold) ? look : null;
            look++;
        }

        return (at, largest);
    }

    /// <summary>The sequential p-value from the largest evidence seen at any look: 1 / e^max, at most 1.</summary>
    public static double PValueOf(double largestLogEvidence) => Math.Min(1, Math.Exp(-largestLogEvidence));

    private static void Check(IReadOnlyList<long> counts, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(weights);
        if (counts.Count != weights.Count || counts.Count < 2)
        {
            throw new ArgumentException("Give one weight per count, and at least two arms.", nameof(weights));
        }
    }
}
