using Upsell.Domain.Statistics;

namespace Upsell.Domain.Bandits;

/// <summary>
/// Why a bandit's estimates are not the pooled totals: the bandit gives an arm fewer visitors after it has looked
/// worse, so its bad luck is corrected more slowly than its good luck and pooled means come out low; and if the
/// shop's traffic changes over time (weekend shoppers, a sale) pooled rates mix that change into the comparison
/// (Simpson's paradox). So each arm's estimate is the mean of its per-period means, each period weighted by the
/// visitors the whole experiment took in then, <c>mean_i = Σ_p (N_p / N) · mean_ip</c>, over the periods in which
/// the arm had visitors, with variance <c>σ²_i · Σ_p (N_p / N)² / n_ip</c> (σ²_i the arm's variance per visitor).
/// Within a period the split was fixed before its visitors came, and the weights N_p / N do not depend on any
/// arm's results, so each term is unbiased. Periods are never merged: where merged periods end would depend on the
/// results, and that brings the bias back. The price is width: an arm whose share swung from a third to its floor
/// has an effective sample size (<c>1 / Σ_p (N_p / N)² / n_ip</c>) below its visitors.
/// </summary>
public static class PeriodWeighting
{
    /// <summary>Arm <paramref name="arm"/>'s period-weighted estimate.</summary>
    public static ArmEstimate Estimate(IReadOnlyList<BanditPeriod> periods, int arm)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var covered = periods.Where(p => p.Samples[arm].Count > 0).ToList();
        var total = covered.Sum(p => (double)p.Visitors);
        var pooled = Pooled(covered, arm);
        if (total <= 0)
        {
            return new ArmEstimate(0, 0, 0, pooled);
        }

        var mean = 0.0;
        var inverseSize = 0.0;
        foreach (var period in covered)
        {
            var share = period.Visitors / total;
            var sample = period.Samples[arm];
            mean += share * sample.Mean;
            inverseSize += share * share / sample.Count;
        }

        return new ArmEstimate(mean, pooled.Variance * inverseSize, 1 / inverseSize, pooled);
    }

    /// <summary>
    /// Arm <paramref name="arm"/> against arm <paramref name="other"/> over the periods both had visitors in, as a
    /// sequential look: the period-weighted difference, its standard error, and as information the variance of the
    /// running sum <c>Σ_p N_p (mean_ap − mean_bp)</c> per unit of variance, <c>Σ_p N_p² (1/n_ap + 1/n_bp)</c>, which
    /// only grows as periods are added (with no difference that sum is a martingale, so the group-sequential
    /// boundaries apply).
    /// </summary>
    public static SequentialLook Pair(IReadOnlyList<BanditPeriod> periods, int arm, int other, double fraction)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var covered = periods.Where(p => p.Samples[arm].Count > 0 && p.Samples[other].Count > 0).ToList();
        var (a, b) = (Pooled(covered, arm), Pooled(covered, other));
        double sum = 0, weight = 0, variance = 0, information = 0;
        foreach (var period in covered)
        {
            var (n, sa, sb) = ((double)period.Visitors, period.Samples[arm], period.Samples[other]);
            sum += n * (sa.Mean - sb.Mean);
            weight += n;
            variance += n * n * (a.Variance / sa.Count + b.Variance / sb.Count);
            information += n * n * (1.0 / sa.Count + 1.0 / sb.Count);
        }

        return weight <= 0
            ? new SequentialLook(0, 0, 0, 0, fraction, false)
            : new SequentialLook(b.Mean, sum / weight, Math.Sqrt(variance) / weight, information, fraction,
                a.Count >= SequentialTest.MinimumPerArm && b.Count >= SequentialTest.MinimumPerArm);
    }

    private static Sample Pooled(IEnumerable<BanditPeriod> periods, int arm) =>
        periods.Aggregate(new Sample(0, 0, 0), (s, p) => new Sample(s.Count + p.Samples[arm].Count, s.Sum + p.Samples[arm].Sum, s.SumOfSquares + p.Samples[arm].SumOfSquares));
}

/// <summary>An arm's period-weighted estimate: its mean, the mean's variance, its effective sample size and its pooled totals.</summary>
public readonly record struct ArmEstimate(double Mean, double MeanVariance, double EffectiveSize, Sample Pooled);
