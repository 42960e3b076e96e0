
namespace Upsell.Application.Reports;

/// <summary>Everything shown at one moment over the range (the funnel), broken down by one segment dimension.</summary>
public sealed record MomentReport(string Moment, Totals Totals, IReadOnlyList<SegmentReport> Segments);
