using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Upsell.Infrastructure.Catalog;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Bandits;

/// <summary>
/// The reallocations of every bandit (<see cref="ReallocationEntity"/>), kept beside the experiments in their table's
/// catalog partition, so a reallocation and the weights it sets are written in one batch. Reallocations recorded
/// before that, in the table of their own, are still read.
/// </summary>
public sealed class ReallocationStore(UpsellTables tables)
{
    private const string Prefix = CatalogTable<object>.CompanionPrefix + "reallocation|";

    /// <summary>The row that records a reallocation, for the batch that writes its weights to the experiment.</summary>
    public static ReallocationEntity Row(string experimentKey, Reallocation reallocation)
    {
        ArgumentNullException.ThrowIfNull(reallocation);
        return new ReallocationEntity
        {
            PartitionKey = CatalogEntity.Partition,
            RowKey = $"{Prefix}{experimentKey}|{RowKey(reallocation.Phase, reallocation.At)}",
            At = reallocation.At,
            Phase = reallocation.Phase,
            Weights = JsonSerializer.Serialize(new Dictionary<string, double>(reallocation.Weights, StringComparer.Ordinal), BanditJson.Default.DictionaryStringDouble),
            Totals = JsonSerializer.Serialize(new Dictionary<string, ArmTotals>(reallocation.Totals, StringComparer.Ordinal), BanditJson.Default.DictionaryStringArmTotals),
        };
    }

    /// <summary>A phase's reallocations, oldest first.</summary>
    public async Task<IReadOnlyList<Reallocation>> ListAsync(string experimentKey, int phase, CancellationToken cancellationToken)
    {
        var (from, to) = (PhasePrefix(phase), PhasePrefix(phase + 1));
        var beside = $"{Prefix}{experimentKey}|";
        var experiments = await tables.ExperimentsAsync(cancellationToken).ConfigureAwait(false);
        var legacy = await tables.ReallocationsAsync(cancellationToken).ConfigureAwait(false);
        var rows = await Task.WhenAll(
            ReadAsync(experiments, CatalogEntity.Partition, beside + from, beside + to, cancellationToken),
            ReadAsync(legacy, experimentKey, from, to, cancellationToken)).ConfigureAwait(false);
        return [.. rows.SelectMany(r => r)
            .DistinctBy(r => (r.Phase, r.At))
            .OrderBy(r => r.At)
            .Select(row => new Reallocation(
                row.Phase,
                row.At,
                JsonSerializer.Deserialize(row.Weights, BanditJson.Default.DictionaryStringDouble) ?? [],
                JsonSerializer.Deserialize(row.Totals, BanditJson.Default.DictionaryStringArmTotals) ?? []))];
    }

    private static async Task<List<ReallocationEntity>> ReadAsync(TableClient table, string partition, string from, string to, CancellationToken cancellationToken)
    {
        var rows = new List<ReallocationEntity>();
        await foreach (var row in table.QueryAsync<ReallocationEntity>(e => e.PartitionKey == partition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static string PhasePrefix(int phase) => phase.ToString("D6", CultureInfo.InvariantCulture) + "|";

    private static string RowKey(int phase, DateTimeOffset at) => PhasePrefix(phase) + at.UtcDateTime.ToString("yyyyMMdd'T'HHmm", CultureInfo.InvariantCulture);
}
