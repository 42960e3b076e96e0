using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Upsell.Domain.Outcomes;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Outcomes;

/// <summary>
/// Folds each changed day of each counted name into the rollup table (<see cref="RollupRow"/>, one row per report
/// scope and day, read by <see cref="RollupReader"/>): the sum of the name's shards and slots that day, read exactly.
/// Runs are not concurrent (the timer is a singleton), so a scope's day row is read, changed and written back. A day is folded again while writers keep noting it, and once a day for a week
/// after, so a day counted into late (a refund, a late exposure, a redelivery) is folded again too. The first run
/// notes every day ever counted, so an existing store is rolled up whole.
/// </summary>
public sealed partial class StatsRollup(UpsellTables tables, ChangedDays changes, StatsReader shards, RollupReader reports, TimeProvider time, ILogger<StatsRollup> logger)
{
    // A writer's note may lag its write by one NoteEvery; instances' clocks may differ by a little more.
    private static readonly TimeSpan Margin = ChangedDays.NoteEvery + TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Recheck = TimeSpan.FromDays(1);
    private const int RecheckDays = 7;
    private const int ForgetDays = 8;
    private const string StatePartition = "rollup-state";
    private const string Backfilled = "backfilled";

    /// <summary>Folds every day due; returns how many days of names it folded.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await BackfillAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var rows = await changes.ListAsync(cancellationToken).ConfigureAwait(false);
        var due = rows.Where(r => IsDue(r, now, today)).ToList();
        var names = due.GroupBy(r => r.Name, StringComparer.Ordinal).ToList();
        var rollup = await tables.RollupAsync(cancellationToken).ConfigureAwait(false);
        var byScopeDay = new ConcurrentDictionary<(string Scope, DateOnly Day), ConcurrentDictionary<string, Counters>>();
        var started = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (name, ct) =>
        {
            started[name.Key] = time.GetUtcNow();
            var days = await shards.DailyAsync(name.Key, name.Min(r => r.Day), name.Max(r => r.Day), ct).ConfigureAwait(false);
            var scope = StatsKeys.RollupScopeOf(name.Key);
            foreach (var day in name.Select(r => r.Day).Distinct())
            {
                byScopeDay.GetOrAdd((scope, day), _ => new(StringComparer.Ordinal))[name.Key] = days.GetValueOrDefault(day, Counters.Zero);
            }
        }).ConfigureAwait(false);

        // Each scope's day is one row: what it held, with the names read now written over.
        await Parallel.ForEachAsync(byScopeDay, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (day, ct) =>
        {
            var existing = await rollup.GetEntityIfExistsAsync<TableEntity>(day.Key.Scope, RollupRow.RowOf(day.Key.Day), cancellationToken: ct).ConfigureAwait(false);
            var held = existing.HasValue ? RollupRow.Read(existing.Value!) : new Dictionary<string, Counters>(StringComparer.Ordinal);
            foreach (var (name, counters) in day.Value)
            {
                held[name] = counters;
            }

            await rollup.UpsertEntityAsync(RollupRow.From(day.Key.Scope, day.Key.Day, held), TableUpdateMode.Replace, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);

        await Task.WhenAll(due.Select(r => changes.FoldedAsync(r, started[r.Name], cancellationToken))).ConfigureAwait(false);

        var idle = rows.Where(r => r.FoldedAt is { } folded && r.TouchedAt < folded - Margin && r.TouchedAt < now.AddDays(-ForgetDays) && !due.Contains(r)).ToList();
        await Task.WhenAll(idle.Select(r => changes.ForgetAsync(r, cancellationToken))).ConfigureAwait(false);
        if (due.Count > 0)
        {
            // A new version tells every reader its rows changed.
            await rollup.UpsertEntityAsync(new TableEntity(RollupReader.VersionPartition, RollupReader.VersionRow) { ["Version"] = Random.Shared.NextInt64(1, long.MaxValue) }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            reports.Invalidate();
            LogFolded(due.Count, names.Count);
        }

        return due.Count;
    }

    // Never folded; noted since (or within a writer's lag of) its last fold; or a day of the last week not folded for a day.
    private static bool IsDue(ChangedDayEntity row, DateTimeOffset now, DateOnly today) =>
        row.FoldedAt is not { } folded
        || row.TouchedAt >= folded - Margin
        || (row.Day >= today.AddDays(-RecheckDays) && folded < now - Recheck);

    // Once per store: every day row counted before the rollup existed is noted, so it is folded like a new one.
    private async Task BackfillAsync(CancellationToken cancellationToken)
    {
        var table = await tables.StatsAsync(cancellationToken).ConfigureAwait(false);
        if ((await table.GetEntityIfExistsAsync<TableEntity>(StatePartition, Backfilled, cancellationToken: cancellationToken).ConfigureAwait(false)).HasValue)
        {
            return;
        }

        var now = time.GetUtcNow();
        var found = new HashSet<string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"RowKey ge {CounterEntity.DayPrefix} and RowKey lt {"day}"}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1_000, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.PartitionKey.Length > 3)
            {
                found.Add(ChangedDayEntity.RowOf(StatsKeys.NameOf(row.PartitionKey), CounterEntity.DayOf(row.RowKey)));
            }
        }

        foreach (var batch in found.Chunk(TableBatchLimits.MaxOperations))
        {
            await table.SubmitTransactionAsync(batch.Select(key => new TableTransactionAction(TableTransactionActionType.UpsertMerge,
                new ChangedDayEntity { PartitionKey = ChangedDayEntity.Partition, RowKey = key, TouchedAt = now })), cancellationToken).ConfigureAwait(false);
        }

        await table.UpsertEntityAsync(new TableEntity(StatePartition, Backfilled) { ["At"] = now }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        LogBackfilled(found.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rolled up {Days} changed days of {Names} counted names")]
    private partial void LogFolded(int days, int names);

    [LoggerMessage(Level = LogLevel.Information, Message = "Noted {Days} days counted before the rollup, to roll them up")]
    private partial void LogBackfilled(int days);
}
