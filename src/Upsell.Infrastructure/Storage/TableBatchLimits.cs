using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using Azure.Data.Tables;

namespace Upsell.Infrastructure.Storage;

/// <summary>
/// Azure's limits on one batch transaction: at most 100 operations, all in one partition, under 4 MiB. Azurite
/// enforces none of them, so the code checks them itself before sending.
/// </summary>
public static class TableBatchLimits
{
    public const int MaxOperations = 100;
    public const int MaxBytes = 4 * 1024 * 1024;

    // Each operation is a MIME part with its own request line and headers around the entity's JSON.
    private const int PartOverheadBytes = 512;
    private const int PropertyOverheadBytes = 48;

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    /// <summary>An upper estimate of what one entity adds to a batch body.</summary>
    public static long EstimateBytes(ITableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var values = entity is IDictionary<string, object> dynamic
            ? dynamic.Select(p => (p.Key, (object?)p.Value))
            : Properties.GetOrAdd(entity.GetType(), t => [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0)])
                .Select(p => (p.Name, p.GetValue(entity)));
        long bytes = PartOverheadBytes;
        foreach (var (name, value) in values)
        {
            // JSON escapes at most six bytes per character (\u00XX); binary goes as base64.
            bytes += PropertyOverheadBytes + Encoding.UTF8.GetByteCount(name) + value switch
            {
                string text => 6L * text.Length,
                byte[] binary => (binary.Length + 2) / 3 * 4,
                _ => 32,
            };
        }

        return bytes;
    }

    /// <summary>Throws when a batch would break one of the limits; callers size their batches so it never does.</summary>
    public static void Check(IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count is 0 or > MaxOperations)
        {
            throw new InvalidOperationException($"A batch holds 1 to {MaxOperations} operations, not {actions.Count}.");
        }

        var partition = actions[0].Entity.PartitionKey;
        if (actions.Any(a => !string.Equals(a.Entity.PartitionKey, partition, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("A batch must stay in one partition.");
        }

        var bytes = actions.Sum(a => EstimateBytes(a.Entity));
        if (bytes >= MaxBytes)
        {
            throw new InvalidOperationException($"A batch must stay under {MaxBytes} bytes; this one is about {bytes}.");
        }
    }
}
