
namespace Upsell.Application.Offers;

/// <summary>The storefront's answer: the offers to show now, or none (the HTTP function answers 204).</summary>
public sealed record OfferAnswer(string DecisionId, string Moment, IReadOnlyList<ShownOffer> Offers);

/// <summary>A decision as the HTTP functions answer it: why it came out as it did, and the offers, or none.</summary>
public sealed record OfferResult(Domain.Decisions.DecisionOutcome Outcome, OfferAnswer? Answer);
