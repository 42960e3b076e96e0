namespace Upsell.Domain.Offers;

/// <summary>A shopper took an offer.</summary>
public sealed record Acceptance(string OfferId, OfferKind Kind, DateTimeOffset At);
