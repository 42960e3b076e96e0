
namespace Upsell.Application.Reports;

/// <summary>Each catalog offer over a date range: what it counted wherever it was shown, in or out of experiments.</summary>
public sealed record OffersReport(DateOnly From, DateOnly To, string Currency, IReadOnlyList<OfferReport> Offers);
