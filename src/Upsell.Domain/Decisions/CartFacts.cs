using System.Collections.Frozen;
using Upsell.Domain.Offers;

namespace Upsell.Domain.Decisions;

/// <summary>What the rules ask of a cart, worked out once per decision.</summary>
public sealed class CartFacts
{
    private readonly string[] _skus;
    private readonly string[] _categories;

    private CartFacts(string[] skus, string[] categories, long value, string? currency)
    {
        _skus = skus;
        _categories = categories;
        Value = value;
        Currency = currency;
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

    /// <summary>Works the facts out of the cart lines.</summary>
    public static CartFacts Of(IReadOnlyList<CartLine> lines)
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

        return new CartFacts(Trim(skus, skuCount), Trim(categories, categoryCount), value, lines.Count > 0 ? lines[0].UnitPrice.Currency : null);
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
