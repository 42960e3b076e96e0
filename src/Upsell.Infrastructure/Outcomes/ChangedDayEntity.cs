using System.Globalization;
using System.Runtime.Serialization;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Outcomes;

/// <summary>
/// A day of a counted name whose counters changed since it was last rolled up: partition <see cref="Partition"/> of
/// the stats table, RowKey "yyyyMMdd|{name}". Writers stamp <see cref="TouchedAt"/> after they count into the day (at
/// most once per <see cref="ChangedDays.NoteEvery"/> per instance); the rollup stamps <see cref="FoldedAt"/> with the
/// time it started reading the day.
/// </summary>
public sealed class ChangedDayEntity : TableRow
{
    public const string Partition = "rollup-changes";

    public DateTimeOffset TouchedAt { get; set; }

    public DateTimeOffset? FoldedAt { get; set; }

    public static string RowOf(string name, DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "|" + name;

    [IgnoreDataMember]
    public DateOnly Day => DateOnly.ParseExact(RowKey.AsSpan(0, 8), "yyyyMMdd", CultureInfo.InvariantCulture);

    [IgnoreDataMember]
    public string Name => RowKey[9..];
}
