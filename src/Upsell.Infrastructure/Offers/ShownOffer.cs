namespace Upsell.Infrastructure.Offers;

/// <summary>One offer as the storefront renders it, with the token that its events must carry.</summary>
public sealed record ShownOffer(
    string OfferId,
    string Kind,
    string Headline,
    string Body,
    string CallToAction,
    string DeclineText,
    PriceAnswer Price,
    string? Experiment,
    string? Variant,
    string Token);
