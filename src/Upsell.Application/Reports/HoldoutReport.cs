
namespace Upsell.Application.Reports;

/// <summary>The holdout view over a date range: overall first, then each moment.</summary>
public sealed record HoldoutReport(DateOnly From, DateOnly To, string Currency, double HoldoutPercent, string Basis, IReadOnlyList<HoldoutScope> Scopes);
