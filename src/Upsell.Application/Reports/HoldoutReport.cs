
namespace Upsell.Application.Reports;

/// <summary>
/// The holdout view over a date range: overall first, then each moment, in the current holdout phase (a fingerprint of
/// the holdout seed; a new seed starts a new phase, counted from zero).
/// </summary>
public sealed record HoldoutReport(DateOnly From, DateOnly To, string Currency, double HoldoutPercent, string Phase, string Basis, IReadOnlyList<HoldoutScope> Scopes);
