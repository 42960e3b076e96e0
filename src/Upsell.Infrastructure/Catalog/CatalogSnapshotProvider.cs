using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Upsell.Domain.Catalog;
using Upsell.Domain.Decisions;
using Upsell.Domain.Experiments;
using Upsell.Domain.Offers;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Catalog;

/// <summary>
/// Keeps the catalog in memory as an immutable snapshot. Decisions read the snapshot only; when it is older than
/// the refresh interval, one background reload replaces it while decisions go on with the old one. Admin writes
/// reload it at once.
/// </summary>
public sealed partial class CatalogSnapshotProvider(
    CatalogStore store,
    TimeProvider time,
    IOptions<CatalogOptions> options,
    ILogger<CatalogSnapshotProvider> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile CatalogSnapshot? _current;
    private BackgroundRefresh? _background;
    private long _loadsStarted;

    /// <summary>When the snapshot in memory was loaded; null before the first load.</summary>
    public DateTimeOffset? LoadedAt => _current?.LoadedAt;

    public async ValueTask<CatalogSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is null)
        {
            return await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        if (time.GetUtcNow() - current.LoadedAt >= TimeSpan.FromSeconds(options.Value.RefreshSeconds))
        {
            LazyInitializer.EnsureInitialized(ref _background, () => new BackgroundRefresh(RefreshAsync, LogRefreshFailed)).TryStart();
        }

        return current;
    }

    /// <summary>Reads the catalog from storage now; callers that queue behind a reload that began later share it.</summary>
    public async Task<CatalogSnapshot> RefreshAsync(CancellationToken cancellationToken)
    {
        var seen = Interlocked.Read(ref _loadsStarted);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } fresh && Interlocked.Read(ref _loadsStarted) > seen)
            {
                return fresh;
            }

            Interlocked.Increment(ref _loadsStarted);
            var loadedAt = time.GetUtcNow();
            var offers = await store.Offers.ListAsync(cancellationToken).ConfigureAwait(false);
            var experiments = await store.Experiments.ListAsync(cancellationToken).ConfigureAwait(false);
            var snapshot = Build(offers.Select(o => o.Document), experiments.Select(e => e.Document), loadedAt);
            _current = snapshot;
            LogLoaded(snapshot.Offers.Count, snapshot.Experiments.Count);
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private CatalogSnapshot Build(IEnumerable<OfferDocument> offerDocuments, IEnumerable<ExperimentDocument> experimentDocuments, DateTimeOffset loadedAt)
    {
        var offers = new List<Offer>();
        foreach (var document in offerDocuments)
        {
            var (offer, errors) = document.ToOffer();
            if (offer is null)
            {
                LogSkipped("offer", new Telemetry.LogValue(document.Id), errors[0].Field, new Telemetry.LogValue(errors[0].Message));
                continue;
            }

            offers.Add(offer);
        }

        var byId = offers.ToDictionary(o => o.Id, StringComparer.Ordinal);
        var experiments = new List<Experiment>();
        foreach (var document in experimentDocuments)
        {
            var (experiment, errors) = document.ToExperiment(byId, experiments);
            if (experiment is null)
            {
                LogSkipped("experiment", new Telemetry.LogValue(document.Key), errors[0].Field, new Telemetry.LogValue(errors[0].Message));
                continue;
            }

            experiments.Add(experiment);
        }

        return new CatalogSnapshot(offers, experiments, loadedAt);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded catalog: {Offers} offers, {Experiments} experiments")]
    private partial void LogLoaded(int offers, int experiments);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped stored {Type} {Id}: {Field} {Message}")]
    private partial void LogSkipped(string type, Telemetry.LogValue id, string field, Telemetry.LogValue message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog reload failed; decisions keep the previous catalog")]
    private partial void LogRefreshFailed(Exception exception);
}
