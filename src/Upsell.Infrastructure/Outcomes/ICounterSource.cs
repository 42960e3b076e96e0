using Upsell.Domain.Outcomes;

namespace Upsell.Infrastructure.Outcomes;

/// <summary>
/// Where reports read counters: the rolled-up rows (<see cref="RollupReader"/>), or the shards themselves
/// (<see cref="StatsReader"/>, exact as counted, which the rollup reads).
/// </summary>
public interface ICounterSource
{
    /// <summary>The counted names of an index scope (<see cref="StatsKeys.ExperimentScope"/>, <see cref="StatsKeys.SegmentScope"/>).</summary>
    Task<IReadOnlyList<string>> NamesAsync(string scope, CancellationToken cancellationToken);

    /// <summary>A counted name's counters per UTC day that has any, from one day to another, both included.</summary>
    Task<IReadOnlyDictionary<DateOnly, Counters>> DailyAsync(string name, DateOnly first, DateOnly last, CancellationToken cancellationToken);

    /// <summary>A counted name's counters from one UTC day to another, both included.</summary>
    async Task<Counters> SumAsync(string name, DateOnly first, DateOnly last, CancellationToken cancellationToken) =>
        (await DailyAsync(name, first, last, cancellationToken).ConfigureAwait(false)).Values.Aggregate(Counters.Zero, (sum, day) => sum.Plus(day));
}
