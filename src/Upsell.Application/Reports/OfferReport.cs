
namespace Upsell.Application.Reports;

/// <summary>One offer's totals: impressions, acceptance rate and the rest, summed over its moments and experiment arms.</summary>
public sealed record OfferReport(string OfferId, Totals Totals);
