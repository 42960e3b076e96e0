using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Upsell.Infrastructure.Connectors;

namespace Upsell.Infrastructure.Shops;

/// <summary>A Shopify session token that checked out: the shop it names and, when the buyer is logged in, the customer.</summary>
public sealed record ShopifySession(string Shop, string? Customer);

/// <summary>
/// Verifies the session tokens Shopify gives the app's checkout extensions (sent as a bearer token): HS256 signed
/// with the app's client secret (or the one before a rotation), the app's client id as audience, the connected shop
/// as destination, not expired and already valid, with a few seconds' leeway for clocks. Anything else, "alg: none"
/// included, is refused with the reason.
/// </summary>
public sealed class ShopifySessionTokens(IOptions<ShopifyOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = ShopifyJwt.Handler();

    public async Task<(ShopifySession? Session, string? Problem)> ValidateAsync(string token)
    {
        var shopify = options.Value;
        if (!shopify.Enabled || shopify.ClientId.Length == 0)
        {
            return (null, "this app takes no Shopify session tokens (Upsell__Shopify__ClientId and WebhookSecret are not set)");
        }

        var parameters = ShopifyJwt.Parameters(shopify, time, requireExpiry: true);
        parameters.ValidateAudience = true;
        parameters.ValidAudience = shopify.ClientId;
        var (claims, problem) = await ShopifyJwt.ValidateAsync(_handler, token, parameters).ConfigureAwait(false);
        if (claims is null)
        {
            return (null, problem);
        }

        var destination = claims.TryGetPayloadValue<string>("dest", out var dest) ? Host(dest) : null;
        if (!string.Equals(destination, shopify.ShopDomain, StringComparison.OrdinalIgnoreCase))
        {
            return (null, "the token is for another shop");
        }

        return (new ShopifySession(destination!, claims.TryGetPayloadValue<string>("sub", out var sub) ? sub : null), null);
    }

    // "https://shop.myshopify.com" or "shop.myshopify.com": the shop's host either way.
    private static string? Host(string? destination) =>
        destination is null ? null : Uri.TryCreate(destination, UriKind.Absolute, out var uri) ? uri.Host : destination;
}
