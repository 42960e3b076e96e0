using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Upsell.Domain.Affinity;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Affinity;

/// <summary>
/// Keeps the neighbour lists in memory as an immutable snapshot, as the catalog is kept: decisions read the
/// snapshot only; when it is older than <c>RefreshSeconds</c>, one background reload replaces it while decisions go
/// on with the old one. Until the first load ends, decisions rank by the rules (an empty snapshot).
/// </summary>
public sealed partial class AffinitySnapshotProvider(NeighbourStore store, TimeProvider time, IOptions<AffinityOptions> options, ILogger<AffinitySnapshotProvider> logger)
{
    private BackgroundRefresh? _background;
    private volatile AffinitySnapshot? _current;

    /// <summary>The snapshot in memory; starts a reload in the background when it is missing or old.</summary>
    public AffinitySnapshot Current
    {
        get
        {
            var current = _current;
            if (current is null || time.GetUtcNow() - current.LoadedAt >= TimeSpan.FromSeconds(options.Value.RefreshSeconds))
            {
                LazyInitializer.EnsureInitialized(ref _background, () => new BackgroundRefresh(RefreshAsync, LogRefreshFailed)).TryStart();
            }

            return current ?? AffinitySnapshot.Empty;
        }
    }

    /// <summary>Reads the lists from storage now.</summary>
    public async Task<AffinitySnapshot> RefreshAsync(CancellationToken cancellationToken)
    {
        var loadedAt = time.GetUtcNow();
        var lists = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = new AffinitySnapshot(lists.Where(l => l.Neighbours.Count > 0).ToDictionary(l => l.Sku, l => l.Neighbours.ToArray(), StringComparer.Ordinal), loadedAt);
        _current = snapshot;
        return snapshot;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Neighbour lists reload failed; decisions keep the previous ones")]
    private partial void LogRefreshFailed(Exception exception);
}
