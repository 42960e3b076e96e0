using System.Collections.Concurrent;
using Azure.Data.Tables;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Outcomes;

/// <summary>
/// Which counted names a scope has (an experiment phase's offer groups, a moment's segments), so a report reads
/// exactly those and nothing else: partition "index|{scope}" of the stats table, RowKey the name. A name is listed
/// before anything is counted under it, and each process writes it once.
/// </summary>
public sealed class StatsIndex(UpsellTables tables)
{
    private const string Prefix = "index|";
    private readonly ConcurrentDictionary<(string Scope, string Name), bool> _listed = new();

    /// <summary>Lists the names in their scopes, once each.</summary>
    public async Task ListAsync(IEnumerable<(string Scope, string Name)> entries, CancellationToken cancellationToken)
    {
        var fresh = entries.Distinct().Where(e => !_listed.ContainsKey(e)).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        var table = await tables.StatsAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(fresh.Select(async entry =>
        {
            await table.UpsertEntityAsync(new TableEntity(Prefix + entry.Scope, entry.Name), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            _listed[entry] = true;
        })).ConfigureAwait(false);
    }

    /// <summary>The names listed in a scope.</summary>
    public async Task<IReadOnlyList<string>> NamesAsync(string scope, CancellationToken cancellationToken)
    {
        var table = await tables.StatsAsync(cancellationToken).ConfigureAwait(false);
        var names = new List<string>();
        var partition = Prefix + scope;
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            names.Add(row.RowKey);
        }

        return names;
    }
}
