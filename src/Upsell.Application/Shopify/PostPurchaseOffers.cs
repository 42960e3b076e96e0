using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Upsell.Application.Offers;
using Upsell.Domain.Money;
using Upsell.Domain.Offers;
using Upsell.Domain.Tokens;
using Upsell.Domain.Validation;
using Upsell.Infrastructure.Catalog;
using Upsell.Infrastructure.Shops;

namespace Upsell.Application.Shopify;

/// <summary>A changeset signed for a post-purchase page, or why none is.</summary>
public sealed record SignedChangeset(string? Token, string? Refused);

/// <summary>
/// Shopify's one-click page after the payment: at most one offer per order, decided as the confirmation moment is,
/// for the purchase the page's token vouches for; and the changeset that adds it, signed only for an offer this
/// backend decided for that very order and shopper, with the product and the price taken from the catalog, never
/// from the caller. The order is the session (a reload of the page is the same prompt, with the same offer), and the shopper is the
/// buyer's customer id, or the order when the buyer has no account. The purchase names variants only; their SKUs and
/// product types come from the Admin API when it is connected, so offers target them as on every other page.
/// </summary>
public sealed class PostPurchaseOffers(
    OfferDecisionService decisions, CatalogSnapshotProvider catalog, DecisionTokenSigner signer, ShopifyChangesets changesets, ShopifyProducts products, TimeProvider time)
{
    /// <summary>How long the page's offer waits for the purchased variants' SKUs before going on with their ids.</summary>
    public static readonly TimeSpan LookupBudget = TimeSpan.FromSeconds(1);

    /// <summary>The offer for the purchase, or none (held out, capped, nothing fits, or nothing Shopify can add).</summary>
    public async Task<ShownOffer?> DecideAsync(ShopifyPurchase purchase, string? addressBucket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        var variants = await products.VariantsAsync([.. purchase.Lines.Select(l => l.VariantId).Distinct()], LookupBudget, cancellationToken).ConfigureAwait(false);
        var cart = Cart(purchase, variants);
        var result = await decisions.DecideAsync(new ShopperContext
        {
            Moment = Moment.Confirmation,
            SessionId = SessionOf(purchase),
            VisitorId = VisitorOf(purchase),
            Cart = cart,
            Country = purchase.Country?.ToUpperInvariant() is { } country && Fields.IsCountry(country) ? country : null,
            Locale = MoneyFormatter.IsKnownLocale(purchase.Locale) ? purchase.Locale : null,
        }, addressBucket, cancellationToken).ConfigureAwait(false);
        var currency = cart.Count > 0 ? cart[0].UnitPrice.Currency : null;
        // Shopify adds a variant by its id, and charges in the purchase's currency.
        return result.Answer?.Offers.FirstOrDefault(o => VariantOf(o.ExternalId) is not null && (currency is null || o.Price.Currency == currency));
    }

    /// <summary>The signed changeset that adds the offer a decision token names, or why it is refused.</summary>
    public async Task<SignedChangeset> SignAsync(ShopifyPurchase purchase, string? decisionToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        if (!signer.TryVerify(decisionToken, time.GetUtcNow(), ShopifyPostPurchaseTokens.MaxAge, out var token, out var error))
        {
            return new SignedChangeset(null, $"the decision token {error}");
        }

        if (token!.Moment != Moment.Confirmation || token.SessionId != SessionOf(purchase) || token.VisitorId != VisitorOf(purchase))
        {
            return new SignedChangeset(null, "the offer was not decided for this order");
        }

        var snapshot = await catalog.GetAsync(cancellationToken).ConfigureAwait(false);
        if (!snapshot.Offers.TryGetValue(token.OfferId, out var offer) || VariantOf(offer.ExternalId) is not { } variant)
        {
            return new SignedChangeset(null, "the offer is no longer in the catalog");
        }

        var off = offer.Saving is { } saving ? DecimalAmount.FromMinor(saving) : (decimal?)null;
        return new SignedChangeset(changesets.Sign(purchase.ReferenceId, new ShopifyAddedVariant(variant, off, offer.CopyFor(purchase.Locale).Headline)), null);
    }

    /// <summary>The session the order is: its reference id, or a hash of it when it is not a plain id.</summary>
    public static string SessionOf(ShopifyPurchase purchase) => "order-" + Id(purchase.ReferenceId, 58);

    /// <summary>The shopper: the buyer's customer id, or the order itself.</summary>
    public static string VisitorOf(ShopifyPurchase purchase) =>
        purchase.CustomerId is { Length: > 0 } customer ? "customer-" + Id(customer, 55) : SessionOf(purchase);

    private static string Id(string value, int room) =>
        Fields.IsId(value) && value.Length <= room ? value : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32];

    private static long? VariantOf(string? externalId) =>
        long.TryParse(externalId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    // Post-purchase lines name variants: the Admin API's SKU and product type when known, else the variant id stands
    // in for the SKU. The unit price is the line's total over its quantity, in the purchase's currency; a line Shopify
    // sent without a price is left out.
    private static List<CartLine> Cart(ShopifyPurchase purchase, IReadOnlyDictionary<long, ShopifyVariant> variants) =>
        [.. purchase.Lines
            .Where(l => l.Quantity > 0 && l.Currency is { Length: 3 } && MoneyFormatter.IsKnownCurrency(l.Currency))
            .Select(l => (Line: l, Total: DecimalAmount.ToMinor(l.Total, l.Currency!).Minor, Known: variants.GetValueOrDefault(l.VariantId)))
            .Where(l => l.Total is not null)
            .Select(l => new CartLine(
                l.Known?.Sku is { } sku && Fields.IsName(sku) ? sku : l.Line.VariantId.ToString(CultureInfo.InvariantCulture),
                l.Known?.ProductType is { } type && Fields.IsName(type) ? type : null,
                new Money(l.Total!.Value / l.Line.Quantity, l.Line.Currency!),
                l.Line.Quantity))
            .GroupBy(l => l.UnitPrice.Currency)
            .OrderByDescending(g => g.Count())
            .FirstOrDefault() ?? Enumerable.Empty<CartLine>()];
}
