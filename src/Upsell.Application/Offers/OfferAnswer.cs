
namespace Upsell.Application.Offers;

/// <summary>The storefront's answer: the offers to show now, or none (the HTTP function answers 204).</summary>
public sealed record OfferAnswer(string DecisionId, string Moment, IReadOnlyList<ShownOffer> Offers);
