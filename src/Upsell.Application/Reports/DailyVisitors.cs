
namespace Upsell.Application.Reports;

/// <summary>Visitors first exposed on one UTC day, per series (an arm, a moment).</summary>
public sealed record DailyVisitors(DateOnly Day, IReadOnlyDictionary<string, long> Visitors);
