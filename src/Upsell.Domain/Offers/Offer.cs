using System.Collections.Frozen;

namespace Upsell.Domain.Offers;

/// <summary>Something the shop may offer a shopper at one or more moments.</summary>
public sealed record Offer
{
    /// <summary>The offer's id, unique in the catalog.</summary>
    public required string Id { get; init; }

    /// <summary>What the offer sells.</summary>
    public required OfferKind Kind { get; init; }

    /// <summary>The SKU the shopper would add; an offer is never made for a SKU already in the cart.</summary>
    public string? Sku { get; init; }

    /// <summary>The shop platform's id of the product variant (Shopify's variant id), which its cart adds.</summary>
    public string? ExternalId { get; init; }

    /// <summary>The product image: an https URL or a path on the shop's site.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>The usual price, struck through beside <see cref="Price"/>; above it and in its currency.</summary>
    public Money.Money? CompareAtPrice { get; init; }

    /// <summary>Copy per locale ("de-DE", "de", "en"); see <see cref="CopyFor"/> for the fallback.</summary>
    public required FrozenDictionary<string, OfferCopy> Copy { get; init; }

    /// <summary>The locale whose copy is used when nothing closer exists.</summary>
    public required string DefaultLocale { get; init; }

    /// <summary>The price of the add-on.</summary>
    public required Money.Money Price { get; init; }

    /// <summary>The moments the offer may appear in.</summary>
    public required FrozenSet<Moment> Moments { get; init; }

    /// <summary>Who and which carts the offer is meant for.</summary>
    public OfferTargeting Targeting { get; init; } = OfferTargeting.Everyone;

    /// <summary>Higher first, after relevance.</summary>
    public int Priority { get; init; }

    /// <summary>The offer is shown from this instant on, inclusive.</summary>
    public DateTimeOffset? ActiveFrom { get; init; }

    /// <summary>The offer is shown until this instant, exclusive.</summary>
    public DateTimeOffset? ActiveUntil { get; init; }

    /// <summary>Whether the add-on can be sold now.</summary>
    public bool InStock { get; init; } = true;

    /// <summary>
    /// What the shopper saves against the compare-at price, or null when there is nothing to show: no compare-at
    /// price, or an experiment arm priced the offer at or above it.
    /// </summary>
    public Money.Money? Saving =>
        CompareAtPrice is { } compareAt && compareAt.Currency == Price.Currency && compareAt.Minor > Price.Minor
            ? Price with { Minor = compareAt.Minor - Price.Minor }
            : null;

    /// <summary>The copy for a locale: the exact locale, then its language, then the default locale.</summary>
    public OfferCopy CopyFor(string? locale)
    {
        if (locale is not null)
        {
            if (Copy.TryGetValue(locale, out var exact))
            {
                return exact;
            }

            var dash = locale.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && Copy.TryGetValue(locale[..dash], out var language))
            {
                return language;
            }
        }

        return Copy[DefaultLocale];
    }
}
