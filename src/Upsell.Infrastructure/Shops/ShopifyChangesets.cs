using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Upsell.Infrastructure.Connectors;

namespace Upsell.Infrastructure.Shops;

/// <summary>One product added to a paid order: the variant, and the amount off its own price, with the name the buyer sees.</summary>
public sealed record ShopifyAddedVariant(long VariantId, decimal? AmountOff, string DiscountTitle);

/// <summary>
/// Signs the changeset a post-purchase page applies (<c>applyChangeset</c>), as Shopify's JWT specification says:
/// HS256 with the app's client secret; <c>iss</c> the app's client id, <c>jti</c> a fresh UUID, <c>iat</c> now,
/// <c>sub</c> the purchase's reference id, and <c>changes</c>: one <c>add_variant</c> of one unit, with its discount
/// as a fixed amount in the purchase's currency.
/// </summary>
public sealed class ShopifyChangesets(IOptions<ShopifyOptions> options, TimeProvider time)
{
    public string Sign(string referenceId, ShopifyAddedVariant change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var shopify = options.Value;
        var added = new Dictionary<string, object>
        {
            ["type"] = "add_variant",
            ["variantId"] = change.VariantId,
            ["quantity"] = 1,
        };
        if (change.AmountOff is { } off && off > 0)
        {
            added["discount"] = new Dictionary<string, object> { ["value"] = off, ["valueType"] = "fixed_amount", ["title"] = change.DiscountTitle };
        }

        var payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = shopify.ClientId,
            ["jti"] = Guid.NewGuid().ToString(),
            ["iat"] = time.GetUtcNow().ToUnixTimeSeconds(),
            ["sub"] = referenceId,
            ["changes"] = new[] { added },
        });
        var credentials = new SigningCredentials(new SymmetricSecurityKey(shopify.SecretBytes), SecurityAlgorithms.HmacSha256);
        return ShopifyJwt.Handler().CreateToken(payload, credentials);
    }
}
