using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Upsell.Application.Reports;
using Upsell.Domain;
using Upsell.Domain.Bandits;
using Upsell.Domain.Catalog;
using Upsell.Domain.Experiments;
using Upsell.Infrastructure.Bandits;
using Upsell.Infrastructure.Catalog;

namespace Upsell.Application.Bandits;

/// <summary>
/// The bandit timer's work: for every running bandit past its burn-in, Thompson sampling sets new weights in the
/// same phase. The weights are written to the experiment with its ETag and the reallocation recorded (with the arms'
/// totals, which close the period before it) in one batch, so neither is ever stored without the other; a second
/// run in the same minute finds its record there and changes nothing. Then the catalog is reloaded, so new visitors
/// get the new weights while kept ones keep their arm.
/// </summary>
public sealed partial class BanditService(
    CatalogStore store,
    CatalogSnapshotProvider snapshots,
    ReportService reports,
    IOptions<BanditOptions> options,
    TimeProvider time,
    ILogger<BanditService> logger)
{
    private const int MaxAttempts = 3;

    /// <summary>Reallocates every running bandit that is due; returns how many moved.</summary>
    public async Task<int> ReallocateAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        var running = Wire.Name(ExperimentStatus.Running);
        var bandit = Wire.Name(Allocation.Bandit);
        var moved = 0;
        foreach (var stored in await store.Experiments.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (stored.Document.Status == running && stored.Document.Allocation == bandit
                && await ReallocateAsync(stored, minute, cancellationToken).ConfigureAwait(false))
            {
                moved++;
            }
        }

        if (moved > 0)
        {
            await snapshots.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        return moved;
    }

    private async Task<bool> ReallocateAsync(Stored<ExperimentDocument> stored, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var key = stored.Document.Key!;
        var phase = stored.Document.Phase ?? 1;
        var state = await reports.BanditAsync(stored.Document, phase, cancellationToken).ConfigureAwait(false);
        if (!state.Analysis.BurnedIn)
        {
            LogExploring(key, options.Value.BurnInVisitors);
            return false;
        }

        var next = state.Analysis.NextWeights(options.Value);
        var weights = state.Analysis.Arms.Select((a, i) => (a.Key, Weight: next[i])).ToDictionary(a => a.Key, a => a.Weight, StringComparer.Ordinal);
        var record = ReallocationStore.Row(key, new Reallocation(phase, at, weights, state.Totals));
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = attempt == 0 ? stored : await store.Experiments.GetAsync(key, cancellationToken).ConfigureAwait(false);
            if (current?.Document is not { } document || document.Phase != phase || document.Status != Wire.Name(ExperimentStatus.Running))
            {
                return false;
            }

            var updated = document with { Variants = [.. document.Variants!.Select(v => v with { Weight = weights.GetValueOrDefault(v.Key!, v.Weight ?? 0) })] };
            var write = await store.Experiments.ReplaceWithAsync(updated, current.ETag, record, cancellationToken).ConfigureAwait(false);
            if (write == CatalogWrite.Replaced)
            {
                var text = string.Join(", ", weights.Select(w => $"{w.Key} {w.Value:P1}"));
                LogReallocated(key, phase, text);
                return true;
            }

            if (write == CatalogWrite.AlreadyExists)
            {
                return false; // this minute's run already reallocated it
            }
        }

        LogContended(key);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bandit {Key} still explores: every arm needs {BurnIn} visitors first")]
    private partial void LogExploring(string key, int burnIn);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bandit {Key} phase {Phase} reallocated: {Weights}")]
    private partial void LogReallocated(string key, int phase, string weights);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bandit {Key}: the experiment kept changing while the new weights were written; the next run tries again")]
    private partial void LogContended(string key);
}
