
namespace Upsell.Application.Reports;

/// <summary>One value of the breakdown ("mobile", "first-time", "DE") at a moment.</summary>
public sealed record SegmentReport(string Value, Totals Totals);
