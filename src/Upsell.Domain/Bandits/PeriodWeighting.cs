using Upsell.Domain.Statistics;

namespace Upsell.Domain.Bandits;

/// <summary>
/// Why a bandit's estimates are not the pooled totals: when the weights move, an arm's later visitors outweigh its
/// earlier ones, and if the shop's traffic changes over time (weekend shoppers, a sale) the pooled rate mixes that
/// change into the comparison (Simpson's paradox). As GrowthBook does, each arm's estimate is the mean of its
/// per-period means, each period weighted by the visitors the whole experiment took in then:
/// <c>mean_i = Σ_p (N_p / N) · mean_ip</c>, over the periods in which the arm had visitors, with variance
/// <c>σ²_i · Σ_p (N_p / N)² / n_ip</c> (σ²_i the arm's variance per visitor). The effective sample size
/// <c>1 / Σ_p (N_p / N)² / n_ip</c> is the arm's visitors when the weights never moved.
/// <para>
/// An hourly reallocation leaves an arm at its floor weight with one or two visitors an hour, and a mean of one
/// visitor is mostly noise: weighting such periods equally would throw away half of what that arm has shown. So
/// consecutive periods are first merged, oldest first, until every arm has at least <see cref="MinimumPerArm"/>
/// visitors in the merged period (a short last one joins the one before). Traffic shifts that matter for
/// Simpson's paradox (day against night, weekday against weekend, a sale) last longer than the merged periods,
/// so their bias is still taken out.
/// </para>
/// </summary>
public static class PeriodWeighting
{
    /// <summary>The fewest visitors of every arm a merged period holds.</summary>
    public const int MinimumPerArm = 30;

    /// <summary>Consecutive periods merged until each holds at least <see cref="MinimumPerArm"/> visitors of every arm.</summary>
    public static IReadOnlyList<BanditPeriod> Merged(IReadOnlyList<BanditPeriod> periods)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var merged = new List<BanditPeriod>();
        BanditPeriod? open = null;
        foreach (var period in periods)
        {
            open = open is null ? period : Join(open, period);
            if (open.Samples.All(s => s.Count >= MinimumPerArm))
            {
                merged.Add(open);
                open = null;
            }
        }

        if (open is not null)
        {
            if (merged.Count > 0)
            {
                open = Join(merged[^1], open);
                merged.RemoveAt(merged.Count - 1);
            }

            merged.Add(open);
        }

        return merged;
    }

    /// <summary>Arm <paramref name="arm"/>'s period-weighted estimate over periods already <see cref="Merged"/>.</summary>
    public static ArmEstimate Estimate(IReadOnlyList<BanditPeriod> periods, int arm)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var covered = periods.Where(p => p.Samples[arm].Count > 0).ToList();
        var total = covered.Sum(p => (double)p.Visitors);
        var pooled = covered.Aggregate(new Sample(0, 0, 0), (a, p) => new Sample(a.Count + p.Samples[arm].Count, a.Sum + p.Samples[arm].Sum, a.SumOfSquares + p.Samples[arm].SumOfSquares));
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

    // The weights of a merged period are the visitor-weighted mean of its parts', which is what its visitors met.
    private static BanditPeriod Join(BanditPeriod a, BanditPeriod b)
    {
        var (na, nb) = ((double)a.Visitors, (double)b.Visitors);
        var weights = a.Weights.Select((w, i) => na + nb > 0 ? (w * na + b.Weights[i] * nb) / (na + nb) : b.Weights[i]).ToList();
        var samples = a.Samples.Select((s, i) => new Sample(s.Count + b.Samples[i].Count, s.Sum + b.Samples[i].Sum, s.SumOfSquares + b.Samples[i].SumOfSquares)).ToList();
        return new BanditPeriod(a.Start, weights, samples);
    }
}

/// <summary>An arm's period-weighted estimate: its mean, the mean's variance, its effective sample size and its pooled totals.</summary>
public readonly record struct ArmEstimate(double Mean, double MeanVariance, double EffectiveSize, Sample Pooled);
