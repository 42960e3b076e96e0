using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Upsell.Domain.Decisions;

namespace Upsell.Domain.Affinity;

/// <summary>Each SKU's learned neighbours, best first, held in memory so decisions never read them from storage.</summary>
public sealed class AffinitySnapshot(IReadOnlyDictionary<string, Neighbour[]> neighbours, DateTimeOffset loadedAt)
{
    private readonly FrozenDictionary<string, Neighbour[]> _neighbours = neighbours.ToFrozenDictionary(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<CatalogSnapshot, LearnedIndex> _joined = [];

    /// <summary>No history yet: every lookup finds nothing, and learned ranking behaves exactly like rules.</summary>
    public static AffinitySnapshot Empty { get; } = new(new Dictionary<string, Neighbour[]>(), DateTimeOffset.MinValue);

    /// <summary>When the lists were read from storage.</summary>
    public DateTimeOffset LoadedAt { get; } = loadedAt;

    /// <summary>How many SKUs have neighbours.</summary>
    public int Count => _neighbours.Count;

    /// <summary>A SKU's neighbours, best first; empty when it has none.</summary>
    public Neighbour[] NeighboursOf(string sku) => _neighbours.GetValueOrDefault(sku) ?? [];

    internal FrozenDictionary<string, Neighbour[]> All => _neighbours;

    /// <summary>These lists joined to a catalog, built on first use and kept while both snapshots live.</summary>
    internal LearnedIndex For(CatalogSnapshot catalog) => _joined.GetOrAdd(catalog, static (c, self) => new LearnedIndex(c, self), this);
}
