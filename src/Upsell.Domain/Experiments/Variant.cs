namespace Upsell.Domain.Experiments;

/// <summary>One arm of an experiment. The first variant of an experiment is its control.</summary>
/// <param name="Key">The variant's key, unique within the experiment ("control", "bundle-copy").</param>
/// <param name="Weight">The share of visitors, 0 to 1; an experiment's weights add up to 1.</param>
/// <param name="OfferId">Another catalog offer to show in the subject offer's place.</param>
/// <param name="Copy">Copy per locale that replaces the offer's copy in those locales.</param>
/// <param name="PriceMinor">A price, in the offer's currency, that replaces the offer's price.</param>
/// <param name="ImageUrl">An image that replaces the offer's image.</param>
/// <param name="Ranking">How this arm's visitors' offers are ranked at the moment; the moment's own ranking when null.</param>
public sealed record Variant(string Key, double Weight, string? OfferId = null, IReadOnlyDictionary<string, Offers.OfferCopy>? Copy = null, long? PriceMinor = null, string? ImageUrl = null, Decisions.Ranking? Ranking = null);
