using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
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
    /// <summary>How far apart Shopify's clock and ours may be.</summary>
    public static readonly TimeSpan Leeway = TimeSpan.FromSeconds(10);

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public async Task<(ShopifySession? Session, string? Problem)> ValidateAsync(string token)
    {
        var shopify = options.Value;
        if (!shopify.Enabled || shopify.ClientId.Length == 0)
        {
            return (null, "this app takes no Shopify session tokens (Upsell__Shopify__ClientId and WebhookSecret are not set)");
        }

        // Refused before any check of its claims: a token that says it is unsigned, or signed otherwise.
        if (Algorithm(token) is not { } algorithm)
        {
            return (null, "the token cannot be read");
        }

        if (algorithm != SecurityAlgorithms.HmacSha256)
        {
            return (null, "the token is not signed with HS256");
        }

        var keys = new[] { shopify.SecretBytes, shopify.PreviousSecretBytes }.OfType<byte[]>().Select(k => new SymmetricSecurityKey(k)).ToList();
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidAudience = shopify.ClientId,
            ValidateIssuer = false,
            IssuerSigningKeys = keys,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = Leeway,
            LifetimeValidator = (notBefore, expires, _, _) => Lifetime(notBefore, expires),
        }).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return (null, Reason(result.Exception));
        }

        var claims = (JsonWebToken)result.SecurityToken;
        var destination = claims.TryGetPayloadValue<string>("dest", out var dest) ? Host(dest) : null;
        if (!string.Equals(destination, shopify.ShopDomain, StringComparison.OrdinalIgnoreCase))
        {
            return (null, "the token is for another shop");
        }

        return (new ShopifySession(destination!, claims.TryGetPayloadValue<string>("sub", out var sub) ? sub : null), null);
    }

    private string? Algorithm(string token)
    {
        try
        {
            return _handler.CanReadToken(token) ? _handler.ReadJsonWebToken(token).Alg : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    // Our clock, not the machine's, so a test can move it.
    private bool Lifetime(DateTime? notBefore, DateTime? expires)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is { } until && now <= until + Leeway && (notBefore is not { } from || now >= from - Leeway);
    }

    // "https://shop.myshopify.com" or "shop.myshopify.com": the shop's host either way.
    private static string? Host(string? destination) =>
        destination is null ? null : Uri.TryCreate(destination, UriKind.Absolute, out var uri) ? uri.Host : destination;

    private static string Reason(Exception? failure) => failure switch
    {
        SecurityTokenInvalidAudienceException => "the token is for another app",
        SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException or SecurityTokenNotYetValidException => "the token has expired or is not valid yet",
        SecurityTokenNoExpirationException => "the token has no expiry",
        SecurityTokenInvalidAlgorithmException => "the token is not signed with HS256",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the token's signature does not match the app's secret",
        _ => "the token cannot be read",
    };
}
