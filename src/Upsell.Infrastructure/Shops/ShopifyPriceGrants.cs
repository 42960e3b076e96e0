using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Upsell.Domain.Money;
using Upsell.Infrastructure.Connectors;

namespace Upsell.Infrastructure.Shops;

/// <summary>
/// The price an offer is sold at inside Shopify's checkout, signed for the app's discount Function
/// (shopify/extensions/upsell-offer-price): <c>p1.{payload}.{mac}</c>, where the payload is
/// <c>variantId|price|currency|lastDay</c> in base64url and the mac is HMAC-SHA256 over <c>p1.{payload}</c> with
/// <see cref="ShopifyOptions.DiscountKey"/>. The Function lowers a line's price to it only for that variant, in that
/// currency, through the shop's local date <c>lastDay</c> (the day after the offer was made: Functions see a date, not
/// a clock). Without a key, or for an offer at its own price, there is no grant.
/// </summary>
public sealed class ShopifyPriceGrants(IOptions<ShopifyOptions> options, TimeProvider time)
{
    public const string Version = "p1";

    /// <summary>The grant for one offer of a Shopify variant below its own price, or null.</summary>
    public string? For(string? externalId, Money price, Money? ownPrice)
    {
        var key = options.Value.DiscountKey;
        if (key.Length == 0 || ownPrice is not { } own || own.Minor <= price.Minor || !long.TryParse(externalId, NumberStyles.None, CultureInfo.InvariantCulture, out var variant))
        {
            return null;
        }

        var lastDay = time.GetUtcNow().UtcDateTime.Date.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var payload = string.Join('|', variant.ToString(CultureInfo.InvariantCulture), DecimalAmount.Text(price), price.Currency, lastDay);
        var signed = $"{Version}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}";
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(signed));
        return $"{signed}.{Base64Url.EncodeToString(mac)}";
    }
}
