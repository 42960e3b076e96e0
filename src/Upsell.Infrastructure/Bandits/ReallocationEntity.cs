using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Bandits;

/// <summary>
/// A recorded reallocation, in the experiments table's catalog partition: RowKey
/// "~reallocation|{experimentKey}|{phase}|{minute}" ("~reallocation|price|000003|20261201T1300"), so a phase's
/// reallocations are one key range in time order and a second run in the same minute is refused as a duplicate.
/// Before that they had a table of their own (PartitionKey the experiment key, RowKey "{phase}|{minute}").
/// </summary>
public sealed class ReallocationEntity : TableRow
{
    public DateTimeOffset At { get; set; }

    public int Phase { get; set; }

    /// <summary>The weights, as JSON.</summary>
    public string Weights { get; set; } = "{}";

    /// <summary>Each arm's totals, as JSON.</summary>
    public string Totals { get; set; } = "{}";
}
