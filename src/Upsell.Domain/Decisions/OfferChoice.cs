using Upsell.Domain.Offers;

namespace Upsell.Domain.Decisions;

/// <summary>An offer chosen for the shopper, as the experiment variant shapes it.</summary>
public sealed record OfferChoice(Offer Offer, Relevance Relevance, string? ExperimentKey, int? ExperimentPhase, string? VariantKey);
