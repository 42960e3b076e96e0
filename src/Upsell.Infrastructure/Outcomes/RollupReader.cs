using System.Collections.Concurrent;
using System.Globalization;
using Upsell.Domain.Outcomes;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Outcomes;

/// <summary>
/// Reads the rolled-up counters: the rollup table, partition the report scope of a name
/// (<see cref="StatsKeys.RollupScopeOf"/>), RowKey "yyyyMMdd|{name}", each row the sum of the name's shards and
/// slots that day as <see cref="StatsRollup"/> last read them. A date range of a whole scope is one range read, so a
/// report reads a few small partitions however busy the shop and however many shards a name has; reads of the same
/// scope and range that overlap share one query.
/// </summary>
public sealed class RollupReader(UpsellTables tables) : ICounterSource
{
    private readonly ConcurrentDictionary<(string Scope, DateOnly First, DateOnly Last), Lazy<Task<Scope>>> _reading = new();

    public static string RowOf(DateOnly day, string name) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "|" + name;

    public async Task<IReadOnlyList<string>> NamesAsync(string scope, CancellationToken cancellationToken) =>
        [.. (await ScopeAsync(scope, DateOnly.MinValue, DateOnly.MaxValue, cancellationToken).ConfigureAwait(false)).Keys.Where(StatsKeys.IsListed)];

    public async Task<IReadOnlyDictionary<DateOnly, Counters>> DailyAsync(string name, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var scope = await ScopeAsync(StatsKeys.RollupScopeOf(name), first, last, cancellationToken).ConfigureAwait(false);
        return scope.TryGetValue(name, out var days) ? days : new SortedDictionary<DateOnly, Counters>();
    }

    /// <summary>Every name of a scope with its counters per day in the range.</summary>
    public Task<Scope> ScopeAsync(string scope, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var key = (scope, first, last);
        var reading = _reading.GetOrAdd(key, k => new Lazy<Task<Scope>>(() => ReadAsync(k.Scope, k.First, k.Last)));
        return reading.Value.ContinueWith(
            read =>
            {
                _reading.TryRemove(new KeyValuePair<(string, DateOnly, DateOnly), Lazy<Task<Scope>>>(key, reading));
                return read;
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Unwrap().WaitAsync(cancellationToken);
    }

    // Not cancelled by one caller: others may share the read.
    private async Task<Scope> ReadAsync(string scope, DateOnly first, DateOnly last)
    {
        var table = await tables.RollupAsync(CancellationToken.None).ConfigureAwait(false);
        var (low, high) = (RowOf(first, string.Empty), RowOf(last, "~"));
        var names = new Scope(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<CounterEntity>(e => e.PartitionKey == scope && e.RowKey.CompareTo(low) >= 0 && e.RowKey.CompareTo(high) <= 0).ConfigureAwait(false))
        {
            var name = row.RowKey[9..];
            if (!names.TryGetValue(name, out var days))
            {
                names[name] = days = new SortedDictionary<DateOnly, Counters>();
            }

            ((SortedDictionary<DateOnly, Counters>)days)[DateOnly.ParseExact(row.RowKey.AsSpan(0, 8), "yyyyMMdd", CultureInfo.InvariantCulture)] = row.ToCounters();
        }

        return names;
    }

    /// <summary>A scope's names, each with its counters per day.</summary>
    public sealed class Scope(IEqualityComparer<string> comparer) : Dictionary<string, IReadOnlyDictionary<DateOnly, Counters>>(comparer);
}
