using System.Collections.Frozen;
using Upsell.Domain.Offers;

namespace Upsell.Domain.Decisions;

/// <summary>What the rules ask of a cart, and of the offers already on the page, worked out once per decision.</summary>
public sealed class CartFacts
{
    private readonly string[] _skus;
    private readonly string[] _categories;
    private readonly IReadOnlyList<PageOffer> _onPage;

    private CartFacts(string[] skus, string[] categories, long value, string? currency, IReadOnlyList<PageOffer> onPage)
    {
        _skus = skus;
        _categories = categories;
        Value = value;
        Currency = currency;
        _onPage = onPage;
    }

    /// <summary>The distinct SKUs in the cart.</summary>
    public IReadOnlyList<string> Skus => _skus;

    /// <summary>The distinct categories in the cart.</summary>
    public IReadOnlyList<string> Categories => _categories;

    /// <summary>The cart's value in minor units.</summary>
    public long Value { get; }

    /// <summary>The cart's currency; null for an empty cart.</summary>
    public string? Currency { get; }

    /// <summary>Whether the cart has no lines.</summary>
    public bool IsEmpty => _skus.Length == 0;

    /// <summary>Works the facts out of the shopper's cart lines and the offers their page shows.</summary>
    public static CartFacts Of(ShopperContext shopper)
    {
        ArgumentNullException.ThrowIfNull(shopper);
        return Of(shopper.Cart, shopper.OnPage);
    }

    /// <summary>
    /// Whether the page already offers this offer's product (the same SKU, or the same platform id) at another
    /// price: a free express shipping beside the same shipping for €6.99 is not to be shown.
    /// </summary>
    public bool ContradictsPage(Offer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        foreach (var shown in _onPage)
        {
            var same = (offer.Sku is not null && string.Equals(shown.Sku, offer.Sku, StringComparison.Ordinal))
                || (offer.ExternalId is not null && string.Equals(shown.ExternalId, offer.ExternalId, StringComparison.Ordinal));
            if (same && shown.Price != offer.Price)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Works the facts out of the cart lines (and the offers a page shows, when there are any).</summary>
    public static CartFacts Of(IReadOnlyList<CartLine> lines, IReadOnlyList<PageOffer>? onPage = null)
    {
        var skus = new string[lines.Count];
        var categories = new string[lines.Count];
        int skuCount = 0, categoryCount = 0;
        long value = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            value += line.Total;
            if (Array.IndexOf(skus, line.Sku, 0, skuCount) < 0)
            {
                skus[skuCount++] = line.Sku;
            }

            if (line.Category is { } category && Array.IndexOf(categories, category, 0, categoryCount) < 0)
            {
                categories[categoryCount++] = category;
            }
        }

        return new CartFacts(Trim(skus, skuCount), Trim(categories, categoryCount), value, lines.Count > 0 ? lines[0].UnitPrice.Currency : null, onPage ?? []);
    }

    private static string[] Trim(string[] values, int count) => count == values.Length ? values : values[..count];

    /// <summary>Whether the cart holds the SKU.</summary>
    public bool HasSku(string sku) => Array.IndexOf(_skus, sku) >= 0;

    /// <summary>Whether any of the SKUs is in the cart.</summary>
    public bool HasAnySku(FrozenSet<string> skus) => ContainsAny(skus, _skus);

    /// <summary>Whether any of the categories is in the cart.</summary>
    public bool HasAnyCategory(FrozenSet<string> categories) => ContainsAny(categories, _categories);

    private static bool ContainsAny(FrozenSet<string> set, string[] values)
    {
        if (set.Count == 0)
        {
            return false;
        }

        foreach (var value in values)
        {
            if (set.Contains(value))
            {
                return true;
            }
        }

        return false;
    }
}
