namespace Upsell.Domain.Offers;

/// <summary>A shopper said "No thanks" to an offer.</summary>
public sealed record Decline(string OfferId, OfferKind Kind, DateTimeOffset At);
