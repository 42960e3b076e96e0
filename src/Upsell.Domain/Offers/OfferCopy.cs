namespace Upsell.Domain.Offers;

/// <summary>What the shopper reads, in one locale.</summary>
public sealed record OfferCopy(string Headline, string Body, string CallToAction, string DeclineText);
