using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Upsell.Domain;
using Upsell.Domain.Bandits;
using Upsell.Domain.Catalog;
using Upsell.Domain.Experiments;
using Upsell.Infrastructure.Catalog;
using Upsell.Infrastructure.Reports;

namespace Upsell.Infrastructure.Bandits;

/// <summary>
/// The bandit timer's work: for every running bandit past its burn-in, Thompson sampling sets new weights in the
/// same phase. The reallocation is recorded first (with the arms' totals, which close the period before it, and
/// refused as a duplicate when this minute's run already did it), then written to the experiment with its ETag, and
/// the catalog reloaded, so new visitors get the new weights while kept ones keep their arm.
/// </summary>
public sealed partial class BanditService(
    CatalogStore store,
    CatalogSnapshotProvider snapshots,
    ReportService reports,
    ReallocationStore reallocations,
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
        if (!await reallocations.TryAddAsync(key, new Reallocation(phase, at, weights, state.Totals), cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = attempt == 0 ? stored : await store.Experiments.GetAsync(key, cancellationToken).ConfigureAwait(false);
            if (current?.Document is not { } document || document.Phase != phase || document.Status != Wire.Name(ExperimentStatus.Running))
            {
                return false;
            }

            var updated = document with { Variants = [.. document.Variants!.Select(v => v with { Weight = weights.GetValueOrDefault(v.Key!, v.Weight ?? 0) })] };
            var (write, _) = await store.Experiments.ReplaceAsync(updated, current.ETag, cancellationToken).ConfigureAwait(false);
            if (write == CatalogWrite.Replaced)
            {
                var text = string.Join(", ", weights.Select(w => $"{w.Key} {w.Value:P1}"));
                LogReallocated(key, phase, text);
                return true;
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
