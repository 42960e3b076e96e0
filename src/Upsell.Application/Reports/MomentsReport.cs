
namespace Upsell.Application.Reports;

/// <summary>Every moment over a date range, broken down by <see cref="By"/>, with visitors per day and moment.</summary>
public sealed record MomentsReport(DateOnly From, DateOnly To, string Currency, string By, IReadOnlyList<MomentReport> Moments, IReadOnlyList<DailyVisitors> Daily);
