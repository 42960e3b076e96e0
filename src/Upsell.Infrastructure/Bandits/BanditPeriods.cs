using Upsell.Domain.Bandits;
using Upsell.Domain.Statistics;

namespace Upsell.Infrastructure.Bandits;

/// <summary>
/// A bandit phase cut into its periods: from the phase's start with its first weights to the first reallocation,
/// from each reallocation to the next with the weights it set, and from the last to <c>now</c>. Each period holds what the
/// arms gathered in it: the totals a reallocation recorded less those of the one before. Outcomes are counted when
/// they are recorded, so an accept that arrives after a reallocation counts in the period after it. With
/// <c>guarded</c> (a moment before the order) each period carries the arms' checkout completion too.
/// </summary>
public static class BanditPeriods
{
    public static IReadOnlyList<BanditPeriod> Of(
        IReadOnlyList<string> keys,
        DateTimeOffset startedAt,
        IReadOnlyDictionary<string, double> startWeights,
        IReadOnlyList<Reallocation> reallocations,
        IReadOnlyDictionary<string, ArmTotals> totalsNow,
        DateTimeOffset now,
        Metric metric,
        bool guarded = false)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(startWeights);
        ArgumentNullException.ThrowIfNull(reallocations);
        ArgumentNullException.ThrowIfNull(totalsNow);
        var periods = new List<BanditPeriod>(reallocations.Count + 1);
        var (start, weights, before) = (startedAt, startWeights, (IReadOnlyDictionary<string, ArmTotals>)new Dictionary<string, ArmTotals>());
        foreach (var end in reallocations.Append(null))
        {
            var totals = end?.Totals ?? totalsNow;
            ArmTotals Gathered(string key) => totals.GetValueOrDefault(key, ArmTotals.Zero).Since(before.GetValueOrDefault(key, ArmTotals.Zero));
            periods.Add(new BanditPeriod(
                start,
                end?.At ?? now,
                [.. keys.Select(k => weights.GetValueOrDefault(k))],
                [.. keys.Select(k => Gathered(k).For(metric))],
                guarded ? [.. keys.Select(k => Gathered(k).Completion)] : null));
            if (end is not null)
            {
                (start, weights, before) = (end.At, end.Weights, end.Totals);
            }
        }

        return periods;
    }
}
