using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Data.Tables;
using Upsell.Domain.Outcomes;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Outcomes;

/// <summary>
/// Reads the rolled-up counters: the rollup table, one row per report scope (<see cref="StatsKeys.RollupScopeOf"/>)
/// and day holding every name's sums that day as <see cref="StatsRollup"/> last read them (<see cref="RollupRow"/>).
/// A date range of a whole scope is one range read of a row a day.
/// The rows change only when the rollup runs, which stamps a version row; a scope read is kept in memory until the
/// version changes (checked at most once a second), so a dashboard's calls between two runs read storage once.
/// </summary>
public sealed class RollupReader(UpsellTables tables) : ICounterSource, IDisposable
{
    /// <summary>The row the rollup stamps after each run that changed anything.</summary>
    public const string VersionPartition = "~";

    public const string VersionRow = "version";

    private static readonly TimeSpan VersionCheck = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<(string Scope, DateOnly First, DateOnly Last), (long Version, Task<Scope> Read)> _scopes = new();
    private readonly SemaphoreSlim _versionLock = new(1, 1);
    private long _version = -1;
    private long _checkDueAt; // Stopwatch timestamp after which the version is read again

    public async Task<IReadOnlyList<string>> NamesAsync(string scope, CancellationToken cancellationToken) =>
        [.. (await ScopeAsync(scope, DateOnly.MinValue, DateOnly.MaxValue, cancellationToken).ConfigureAwait(false)).Keys.Where(StatsKeys.IsListed)];

    public async Task<IReadOnlyDictionary<DateOnly, Counters>> DailyAsync(string name, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var scope = await ScopeAsync(StatsKeys.RollupScopeOf(name), first, last, cancellationToken).ConfigureAwait(false);
        return scope.TryGetValue(name, out var days) ? days : new SortedDictionary<DateOnly, Counters>();
    }

    /// <summary>Every name of a scope with its counters per day in the range, as of the rollup's last run.</summary>
    public async Task<Scope> ScopeAsync(string scope, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var version = await VersionAsync(cancellationToken).ConfigureAwait(false);
        // A read of a wider range of the scope (a list of its names reads all of it) serves a narrower one.
        foreach (var ((heldScope, heldFirst, heldLast), held) in _scopes)
        {
            if (heldScope == scope && heldFirst <= first && last <= heldLast && (heldFirst, heldLast) != (first, last)
                && held.Version == version && held.Read.IsCompletedSuccessfully)
            {
                return Within(held.Read.Result, first, last);
            }
        }

        var key = (scope, first, last);
        var entry = _scopes.AddOrUpdate(key, _ => (version, ReadAsync(scope, first, last)), (_, held) =>
            held.Version == version && !held.Read.IsFaulted && !held.Read.IsCanceled ? held : (version, ReadAsync(scope, first, last)));
        return await entry.Read.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _versionLock.Dispose();

    /// <summary>Forgets what was read, as after a rollup run in this process.</summary>
    public void Invalidate()
    {
        Interlocked.Exchange(ref _checkDueAt, 0);
        _scopes.Clear();
    }

    // The rollup's version, read again when the last check is over a second old; a new version drops older reads.
    private async Task<long> VersionAsync(CancellationToken cancellationToken)
    {
        if (Stopwatch.GetTimestamp() < Interlocked.Read(ref _checkDueAt))
        {
            return Interlocked.Read(ref _version);
        }

        await _versionLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Stopwatch.GetTimestamp() >= Interlocked.Read(ref _checkDueAt))
            {
                var table = await tables.RollupAsync(cancellationToken).ConfigureAwait(false);
                var row = await table.GetEntityIfExistsAsync<TableEntity>(VersionPartition, VersionRow, ["Version"], cancellationToken).ConfigureAwait(false);
                var version = row.HasValue ? row.Value!.GetInt64("Version") ?? 0 : 0;
                if (version != Interlocked.Exchange(ref _version, version))
                {
                    foreach (var stale in _scopes.Where(s => s.Value.Version != version).ToList())
                    {
                        _scopes.TryRemove(stale);
                    }
                }

                Interlocked.Exchange(ref _checkDueAt, Stopwatch.GetTimestamp() + (long)(VersionCheck.TotalSeconds * Stopwatch.Frequency));
            }

            return Interlocked.Read(ref _version);
        }
        finally
        {
            _versionLock.Release();
        }
    }

    // Not cancelled by one caller: others may share the read.
    private async Task<Scope> ReadAsync(string scope, DateOnly first, DateOnly last)
    {
        var table = await tables.RollupAsync(CancellationToken.None).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {scope} and RowKey ge {RollupRow.RowOf(first)} and RowKey le {RollupRow.RowOf(last)}");
        var names = new Scope(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(filter).ConfigureAwait(false))
        {
            var day = RollupRow.DayOf(row.RowKey);
            foreach (var (name, counters) in RollupRow.Read(row))
            {
                if (!names.TryGetValue(name, out var days))
                {
                    names[name] = days = new SortedDictionary<DateOnly, Counters>();
                }

                ((SortedDictionary<DateOnly, Counters>)days)[day] = counters;
            }
        }

        return names;
    }

    private static Scope Within(Scope whole, DateOnly first, DateOnly last)
    {
        var within = new Scope(StringComparer.Ordinal);
        foreach (var (name, days) in whole)
        {
            var kept = new SortedDictionary<DateOnly, Counters>();
            foreach (var (day, counters) in days)
            {
                if (day >= first && day <= last)
                {
                    kept[day] = counters;
                }
            }

            if (kept.Count > 0)
            {
                within[name] = kept;
            }
        }

        return within;
    }

    /// <summary>A scope's names, each with its counters per day.</summary>
    public sealed class Scope(IEqualityComparer<string> comparer) : Dictionary<string, IReadOnlyDictionary<DateOnly, Counters>>(comparer);
}
