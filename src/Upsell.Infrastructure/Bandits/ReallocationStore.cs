using System.Globalization;
using System.Text.Json;
using Azure;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Bandits;

/// <summary>The reallocations of every bandit, in Table Storage (<see cref="ReallocationEntity"/>).</summary>
public sealed class ReallocationStore(UpsellTables tables)
{
    /// <summary>Records a reallocation; false when one of the same phase and minute is already recorded.</summary>
    public async Task<bool> TryAddAsync(string experimentKey, Reallocation reallocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reallocation);
        var table = await tables.ReallocationsAsync(cancellationToken).ConfigureAwait(false);
        var entity = new ReallocationEntity
        {
            PartitionKey = experimentKey,
            RowKey = RowKey(reallocation.Phase, reallocation.At),
            At = reallocation.At,
            Phase = reallocation.Phase,
            Weights = JsonSerializer.Serialize(new Dictionary<string, double>(reallocation.Weights, StringComparer.Ordinal), BanditJson.Default.DictionaryStringDouble),
            Totals = JsonSerializer.Serialize(new Dictionary<string, ArmTotals>(reallocation.Totals, StringComparer.Ordinal), BanditJson.Default.DictionaryStringArmTotals),
        };
        try
        {
            await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>A phase's reallocations, oldest first.</summary>
    public async Task<IReadOnlyList<Reallocation>> ListAsync(string experimentKey, int phase, CancellationToken cancellationToken)
    {
        var table = await tables.ReallocationsAsync(cancellationToken).ConfigureAwait(false);
        var (from, to) = (Prefix(phase), Prefix(phase + 1));
        var result = new List<Reallocation>();
        await foreach (var row in table.QueryAsync<ReallocationEntity>(e => e.PartitionKey == experimentKey && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            result.Add(new Reallocation(
                row.Phase,
                row.At,
                JsonSerializer.Deserialize(row.Weights, BanditJson.Default.DictionaryStringDouble) ?? [],
                JsonSerializer.Deserialize(row.Totals, BanditJson.Default.DictionaryStringArmTotals) ?? []));
        }

        return result;
    }

    private static string Prefix(int phase) => phase.ToString("D6", CultureInfo.InvariantCulture) + "|";

    private static string RowKey(int phase, DateTimeOffset at) => Prefix(phase) + at.UtcDateTime.ToString("yyyyMMdd'T'HHmm", CultureInfo.InvariantCulture);
}
