namespace Upsell.Domain.Validation;

/// <summary>
/// Every limit on what arrives over HTTP, once each: the storefront's requests, the merchant's catalog and the
/// commerce backend's orders check against these, and the console's fields are held to the same numbers (a test
/// compares <c>Console/wwwroot/limits.js</c> with this file). What a platform (Shopify, WooCommerce) sent is cleaned
/// to fit rather than refused. The request body sizes are the HTTP layer's own (<c>JsonBody.MaxBytes</c> and the
/// webhooks').
/// </summary>
public static class Limits
{
    /// <summary>The longest id: offer, experiment, variant, session, visitor, event, order, refund.</summary>
    public const int IdLength = 64;

    /// <summary>The longest SKU or category.</summary>
    public const int NameLength = 64;

    /// <summary>The longest product name on an order line.</summary>
    public const int LineNameLength = 100;

    /// <summary>The longest email address (RFC 5321's path limit).</summary>
    public const int EmailLength = 254;

    /// <summary>The most lines in a cart or an order (a platform's longer order is kept, in parts).</summary>
    public const int Lines = 100;

    /// <summary>The most offers a page says it shows already (a cart row of three, a few slots, a dialog).</summary>
    public const int OnPage = 10;

    /// <summary>The largest quantity on a cart or order line; the least is 1.</summary>
    public const int Quantity = 10_000;

    /// <summary>The highest price in minor units of an offer, a variant, a compare-at price or a cart line.</summary>
    public const long Price = 10_000_000;

    /// <summary>The highest amount in minor units of an order's total, line or refund, as a backend sends it.</summary>
    public const long OrderAmount = 1_000_000_000_000;

    /// <summary>The most earlier orders a storefront may say a shopper has.</summary>
    public const int OrderCount = 100_000;

    /// <summary>The most events in one storefront batch.</summary>
    public const int Events = 50;

    /// <summary>The longest offer headline.</summary>
    public const int Headline = 80;

    /// <summary>The longest offer body.</summary>
    public const int Body = 280;

    /// <summary>The longest call to action.</summary>
    public const int CallToAction = 40;

    /// <summary>The longest decline text.</summary>
    public const int DeclineText = 60;

    /// <summary>The most locales an offer's copy has.</summary>
    public const int Locales = 30;

    /// <summary>The longest image URL.</summary>
    public const int ImageUrlLength = 2048;

    /// <summary>The most entries in one targeting list (SKUs, categories, countries).</summary>
    public const int TargetingList = 500;

    /// <summary>The most variants of an experiment, control included.</summary>
    public const int Variants = 10;

    /// <summary>The longest free text of an experiment: its hypothesis, its notes.</summary>
    public const int ExperimentText = 2000;
}
