using System.Text.Json;
using Upsell.Domain.Outcomes;
using Upsell.Infrastructure.Queues;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Outcomes;

/// <summary>
/// One visitor in one stats partition (see <see cref="CounterEntity"/>): RowKey "visitor|{visitorId}". It keeps the
/// days the visitor counts as a unique, the cart value of their first exposure and its day, and, as JSON, the
/// outcomes held until what they depend on is recorded.
/// </summary>
public sealed class VisitorEntity : TableRow
{
    public const string Prefix = "visitor|";

    public bool Exposed { get; set; }

    public bool Accepted { get; set; }

    public long RevenueMinor { get; set; }

    public DateTime? SeenOn { get; set; }

    public DateTime? AcceptedOn { get; set; }

    public long? Covariate { get; set; }

    public DateTime? CovariateOn { get; set; }

    public long? EarlierOrders { get; set; }

    public string? Held { get; set; }

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
            SeenOn = ToDate(stats.SeenOn),
            AcceptedOn = ToDate(stats.AcceptedOn),
            Covariate = stats.Covariate,
            CovariateOn = ToDate(stats.CovariateOn),
            EarlierOrders = stats.EarlierOrders,
            Held = stats.Held.Count == 0 ? null : JsonSerializer.Serialize(stats.Held, QueueJson.Default.IReadOnlyListOutcome),
        };
    }

    public VisitorStats ToStats() => new(Exposed, Accepted, RevenueMinor)
    {
        SeenOn = SeenOn is { } seen ? DateOnly.FromDateTime(seen) : null,
        AcceptedOn = AcceptedOn is { } accepted ? DateOnly.FromDateTime(accepted) : null,
        Covariate = Covariate,
        CovariateOn = CovariateOn is { } covariateOn ? DateOnly.FromDateTime(covariateOn) : null,
        EarlierOrders = EarlierOrders,
        Held = Held is null ? [] : JsonSerializer.Deserialize(Held, QueueJson.Default.IReadOnlyListOutcome) ?? [],
    };

    private static DateTime? ToDate(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}
