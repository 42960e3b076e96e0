using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using Upsell.Domain.Outcomes;

namespace Upsell.Infrastructure.Outcomes;

/// <summary>
/// One day of one report scope in the rollup table: PartitionKey the scope (<see cref="StatsKeys.RollupScopeOf"/>),
/// RowKey the day "yyyyMMdd", and every counted name of the scope with its sums that day, as JSON split over
/// properties "Names0", "Names1", … (a string property holds at most 32K characters). A report reads a scope's range of
/// days as one short range of rows, whatever the number of names, shards, slots or visitors behind them.
/// </summary>
public static class RollupRow
{
    private const string Prefix = "Names";

    // Under a property's 64 KiB of UTF-16, and a row's 1 MiB with its 252 properties.
    private const int Chunk = 30_000;
    private const int MaxChunks = 16;

    public static string RowOf(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static DateOnly DayOf(string rowKey) => DateOnly.ParseExact(rowKey, "yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The names and sums a row holds.</summary>
    public static Dictionary<string, Counters> Read(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var json = new StringBuilder();
        for (var i = 0; row.GetString(Prefix + i.ToString(CultureInfo.InvariantCulture)) is { } part; i++)
        {
            json.Append(part);
        }

        return json.Length == 0 ? new(StringComparer.Ordinal)
            : new(JsonSerializer.Deserialize(json.ToString(), RollupJson.Default.DictionaryStringCounters)!, StringComparer.Ordinal);
    }

    /// <summary>The row of a scope's day holding these names.</summary>
    public static TableEntity From(string scope, DateOnly day, IReadOnlyDictionary<string, Counters> names)
    {
        var json = JsonSerializer.Serialize(names.ToDictionary(n => n.Key, n => n.Value, StringComparer.Ordinal), RollupJson.Default.DictionaryStringCounters);
        var chunks = (json.Length + Chunk - 1) / Chunk;
        if (chunks > MaxChunks)
        {
            throw new InvalidOperationException($"Scope {scope} holds too many names on {day:yyyy-MM-dd} for one rollup row ({names.Count}).");
        }

        var row = new TableEntity(scope, RowOf(day));
        for (var i = 0; i < chunks; i++)
        {
            row[Prefix + i.ToString(CultureInfo.InvariantCulture)] = json.Substring(i * Chunk, Math.Min(Chunk, json.Length - (i * Chunk)));
        }

        return row;
    }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(Dictionary<string, Counters>))]
internal sealed partial class RollupJson : JsonSerializerContext;
