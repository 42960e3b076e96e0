namespace Upsell.Infrastructure.Reports;

/// <summary>
/// Treated visitors against the global holdout at one moment (or "all"): order value per visitor (capped) and average
/// order value, net of refunds; the lift of treated over holdout is the programme's true incremental lift.
/// </summary>
public sealed record HoldoutScope(string Scope, Totals Treated, Totals Holdout, ComparisonReport RevenuePerVisitorLift);
