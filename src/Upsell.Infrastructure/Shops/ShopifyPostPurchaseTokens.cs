using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Upsell.Infrastructure.Connectors;

namespace Upsell.Infrastructure.Shops;

/// <summary>One line of the purchase a post-purchase page follows: the variant, how many, and what they cost together.</summary>
public sealed record ShopifyPurchaseLine(long VariantId, int Quantity, string? Total, string? Currency);

/// <summary>The purchase a post-purchase token vouches for: its shop, its reference id, who bought it, where it goes, what is in it.</summary>
public sealed record ShopifyPurchase(string Shop, string ReferenceId, string? CustomerId, string? Country, string? Locale, IReadOnlyList<ShopifyPurchaseLine> Lines);

/// <summary>
/// Verifies the token Shopify gives the post-purchase page (<c>inputData.token</c>, sent as a bearer token): HS256 with
/// the app's client secret, issued by "shopify", its subject the purchase's reference id, for the connected shop, and
/// no older than <see cref="MaxAge"/> (or its own expiry, when it has one). What the page shows is read from the
/// token's <c>input_data</c>, never from what the browser sends beside it.
/// </summary>
public sealed class ShopifyPostPurchaseTokens(IOptions<ShopifyOptions> options, TimeProvider time)
{
    /// <summary>How long after the purchase its page may ask: Shopify shows it right after the payment.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    private readonly JsonWebTokenHandler _handler = ShopifyJwt.Handler();

    public async Task<(ShopifyPurchase? Purchase, string? Problem)> ValidateAsync(string token)
    {
        var shopify = options.Value;
        if (!shopify.Enabled || shopify.ClientId.Length == 0)
        {
            return (null, "this app takes no Shopify post-purchase tokens (Upsell__Shopify__ClientId and WebhookSecret are not set)");
        }

        var parameters = ShopifyJwt.Parameters(shopify, time, requireExpiry: false);
        parameters.ValidateIssuer = true;
        parameters.ValidIssuer = "shopify";
        var (claims, problem) = await ShopifyJwt.ValidateAsync(_handler, token, parameters).ConfigureAwait(false);
        if (claims is null)
        {
            return (null, problem);
        }

        var issued = claims.TryGetPayloadValue<long>("iat", out var iat) ? DateTimeOffset.FromUnixTimeSeconds(iat) : (DateTimeOffset?)null;
        var now = time.GetUtcNow();
        if (issued is not { } at || at > now + ShopifyJwt.Leeway || now - at > MaxAge + ShopifyJwt.Leeway)
        {
            return (null, "the token has expired or is not valid yet");
        }

        var purchase = Read(claims);
        if (purchase is null || purchase.ReferenceId != claims.Subject)
        {
            return (null, "the token does not describe a purchase");
        }

        return string.Equals(purchase.Shop, shopify.ShopDomain, StringComparison.OrdinalIgnoreCase)
            ? (purchase, null)
            : (null, "the token is for another shop");
    }

    // input_data mirrors the page's inputData: the shop, the locale and the initial purchase.
    private static ShopifyPurchase? Read(JsonWebToken claims)
    {
        try
        {
            using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(claims.EncodedPayload));
            if (!payload.RootElement.TryGetProperty("input_data", out var input) || input.ValueKind != JsonValueKind.Object
                || !input.TryGetProperty("initialPurchase", out var purchase) || purchase.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var lines = purchase.TryGetProperty("lineItems", out var items) && items.ValueKind == JsonValueKind.Array
                ? items.EnumerateArray().Select(Line).OfType<ShopifyPurchaseLine>().ToList()
                : [];
            return new ShopifyPurchase(
                Text(input, "shop", "domain") ?? string.Empty,
                Text(purchase, "referenceId") ?? string.Empty,
                Text(purchase, "customerId"),
                Text(purchase, "destinationCountryCode"),
                Text(input, "locale"),
                lines);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ShopifyPurchaseLine? Line(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && Number(item, "product", "id") is not null && Number(item, "product", "variant", "id") is { } variant
            ? new ShopifyPurchaseLine(variant, (int)(Number(item, "quantity") ?? 1),
                Text(item, "totalPriceSet", "presentmentMoney", "amount"), Text(item, "totalPriceSet", "presentmentMoney", "currencyCode"))
            : null;

    private static JsonElement? Find(JsonElement element, string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element;
    }

    // Ids arrive as numbers or strings; either reads as text.
    private static string? Text(JsonElement element, params string[] path) => Find(element, path) switch
    {
        { ValueKind: JsonValueKind.String } found => found.GetString(),
        { ValueKind: JsonValueKind.Number } found => found.GetRawText(),
        _ => null,
    };

    private static long? Number(JsonElement element, params string[] path) =>
        long.TryParse(Text(element, path), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
}
