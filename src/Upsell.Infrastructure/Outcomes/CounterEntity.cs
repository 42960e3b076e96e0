using System.Globalization;
using Upsell.Domain.Outcomes;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Outcomes;

/// <summary>
/// The stats table. PartitionKey is one shard of a counted name (<see cref="StatsGroup.PartitionKey"/>: experiment,
/// phase, variant, moment, offer; or a segment or holdout-view name from <see cref="StatsKeys"/>; then the shard by
/// visitor hash), so traffic spreads over names times shards. Partitions "index|{scope}" list the names of a scope
/// (<see cref="StatsIndex"/>). In a partition:
/// the counters of each UTC day, split into sub-rows that concurrent writers do not share (RowKey
/// "day|yyyyMMdd|{slot}", each instance writing its own slot; rows "day|yyyyMMdd" written before the split are summed
/// with them), so a date range is still one range read, one
/// <see cref="VisitorEntity"/> per visitor and one <see cref="MarkerEntity"/> per recorded event or order. Markers
/// and counters change in one batch transaction, so an outcome counts exactly once.
/// </summary>
public sealed class CounterEntity : TableRow
{
    public const string DayPrefix = "day|";

    public long Impressions { get; set; }

    public long Visitors { get; set; }

    public long Clicks { get; set; }

    public long Opens { get; set; }

    public long Accepts { get; set; }

    public long AcceptingVisitors { get; set; }

    public long Declines { get; set; }

    public long Dismisses { get; set; }

    public long Orders { get; set; }

    public long RevenueMinor { get; set; }

    public long CappedRevenueMinor { get; set; }

    public double CappedRevenueSquares { get; set; }

    public long CovariateSum { get; set; }

    public double CovariateSquares { get; set; }

    public double CovariateProducts { get; set; }

    public long EarlierOrdersSum { get; set; }

    public double EarlierOrdersSquares { get; set; }

    public double EarlierOrdersProducts { get; set; }

    public double CovariateCross { get; set; }

    public long Refunds { get; set; }

    public long RefundedMinor { get; set; }

    public long Received { get; set; }

    public long EarlyAccepts { get; set; }

    public long HastyAccepts { get; set; }

    /// <summary>A day's row as written before day rows had slots; reports still sum it.</summary>
    public static string DayRow(DateOnly day) => DayPrefix + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string DayRow(DateOnly day, int slot) => DayRow(day) + "|" + slot.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>The highest row key of a day, sub-rows included, for range reads.</summary>
    public static string LastRowOf(DateOnly day) => DayRow(day) + "|~";

    public static DateOnly DayOf(string rowKey) => DateOnly.ParseExact(rowKey.AsSpan(DayPrefix.Length, 8), "yyyyMMdd", CultureInfo.InvariantCulture);

    public static CounterEntity From(string partitionKey, string rowKey, Counters counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        return new CounterEntity
        {
            PartitionKey = partitionKey,
            RowKey = rowKey,
            Impressions = counters.Impressions,
            Visitors = counters.Visitors,
            Clicks = counters.Clicks,
            Opens = counters.Opens,
            Accepts = counters.Accepts,
            AcceptingVisitors = counters.AcceptingVisitors,
            Declines = counters.Declines,
            Dismisses = counters.Dismisses,
            Orders = counters.Orders,
            RevenueMinor = counters.RevenueMinor,
            CappedRevenueMinor = counters.CappedRevenueMinor,
            CappedRevenueSquares = counters.CappedRevenueSquares,
            CovariateSum = counters.CovariateSum,
            CovariateSquares = counters.CovariateSquares,
            CovariateProducts = counters.CovariateProducts,
            EarlierOrdersSum = counters.EarlierOrdersSum,
            EarlierOrdersSquares = counters.EarlierOrdersSquares,
            EarlierOrdersProducts = counters.EarlierOrdersProducts,
            CovariateCross = counters.CovariateCross,
            Refunds = counters.Refunds,
            RefundedMinor = counters.RefundedMinor,
            Received = counters.Received,
            EarlyAccepts = counters.EarlyAccepts,
            HastyAccepts = counters.HastyAccepts,
        };
    }

    public Counters ToCounters() => new()
    {
        Impressions = Impressions,
        Visitors = Visitors,
        Clicks = Clicks,
        Opens = Opens,
        Accepts = Accepts,
        AcceptingVisitors = AcceptingVisitors,
        Declines = Declines,
        Dismisses = Dismisses,
        Orders = Orders,
        RevenueMinor = RevenueMinor,
        CappedRevenueMinor = CappedRevenueMinor,
        CappedRevenueSquares = CappedRevenueSquares,
        CovariateSum = CovariateSum,
        CovariateSquares = CovariateSquares,
        CovariateProducts = CovariateProducts,
        EarlierOrdersSum = EarlierOrdersSum,
        EarlierOrdersSquares = EarlierOrdersSquares,
        EarlierOrdersProducts = EarlierOrdersProducts,
        CovariateCross = CovariateCross,
        Refunds = Refunds,
        RefundedMinor = RefundedMinor,
        Received = Received,
        EarlyAccepts = EarlyAccepts,
        HastyAccepts = HastyAccepts,
    };
}
