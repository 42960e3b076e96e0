using Azure;
using Azure.Data.Tables;
using Upsell.Domain.Outcomes;

namespace Upsell.Infrastructure.Outcomes;

/// <summary>One visitor in one stats partition (see <see cref="CounterEntity"/>): RowKey "visitor|{visitorId}".</summary>
public sealed class VisitorEntity : ITableEntity
{
    public const string Prefix = "visitor|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public bool Exposed { get; set; }

    public bool Accepted { get; set; }

    public long RevenueMinor { get; set; }

    public static string RowOf(string visitorId) => Prefix + visitorId;

    public static VisitorEntity From(string partitionKey, string visitorId, VisitorStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        return new VisitorEntity
        {
            PartitionKey = partitionKey,
            RowKey = RowOf(visitorId),
            Exposed = stats.Exposed,
            Accepted = stats.Accepted,
            RevenueMinor = stats.RevenueMinor,
        };
    }

    public VisitorStats ToStats() => new(Exposed, Accepted, RevenueMinor);
}
