
namespace Upsell.Application.Reports;

/// <summary>One experiment arm: its configured weight and its totals.</summary>
public sealed record ArmReport(string Key, double Weight, Totals Totals);
