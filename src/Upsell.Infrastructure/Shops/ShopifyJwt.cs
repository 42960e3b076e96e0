using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Upsell.Infrastructure.Connectors;

namespace Upsell.Infrastructure.Shops;

/// <summary>
/// What Shopify's tokens and ours share: HS256 with the app's client secret (or the one before a rotation), read and
/// written by Microsoft's JWT library, with a few seconds' leeway for clocks, and the reason a refused token is given.
/// </summary>
public static class ShopifyJwt
{
    /// <summary>How far apart Shopify's clock and ours may be.</summary>
    public static readonly TimeSpan Leeway = TimeSpan.FromSeconds(10);

    public static JsonWebTokenHandler Handler() => new() { MapInboundClaims = false };

    /// <summary>
    /// The token's claims when it holds under <paramref name="parameters"/>, or why not. A token that says it is
    /// unsigned, or signed otherwise than HS256, is refused before any check of its claims.
    /// </summary>
    public static async Task<(JsonWebToken? Claims, string? Problem)> ValidateAsync(JsonWebTokenHandler handler, string token, TokenValidationParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (RefusedAlgorithm(handler, token) is { } refused)
        {
            return (null, refused);
        }

        var result = await handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        return result.IsValid ? ((JsonWebToken)result.SecurityToken, null) : (null, Reason(result.Exception));
    }

    /// <summary>The checks every Shopify token gets: signature, HS256 only, a lifetime by <paramref name="time"/>'s clock.</summary>
    public static TokenValidationParameters Parameters(ShopifyOptions shopify, TimeProvider time, bool requireExpiry) => new()
    {
        ValidateAudience = false,
        ValidateIssuer = false,
        IssuerSigningKeys = Keys(shopify),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = requireExpiry,
        ValidateLifetime = true,
        ClockSkew = Leeway,
        LifetimeValidator = (notBefore, expires, _, _) => Lifetime(time, notBefore, expires, requireExpiry),
    };

    /// <summary>The bearer token of an Authorization header, or why there is none.</summary>
    public static (string? Token, string? Problem) Bearer(string authorization)
    {
        if (authorization.Length == 0)
        {
            return (null, "the request has no Authorization header");
        }

        var token = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..].Trim() : string.Empty;
        return token.Length == 0 ? (null, "the Authorization header is not a bearer token") : (token, null);
    }

    private static string? RefusedAlgorithm(JsonWebTokenHandler handler, string token)
    {
        string? algorithm;
        try
        {
            algorithm = handler.CanReadToken(token) ? handler.ReadJsonWebToken(token).Alg : null;
        }
        catch (ArgumentException)
        {
            algorithm = null;
        }

        return algorithm is null ? "the token cannot be read"
            : algorithm != SecurityAlgorithms.HmacSha256 ? "the token is not signed with HS256"
            : null;
    }

    /// <summary>The keys a Shopify token may be signed with: the client secret, and the one before a rotation.</summary>
    private static List<SecurityKey> Keys(ShopifyOptions shopify) =>
        [.. new[] { shopify.SecretBytes, shopify.PreviousSecretBytes }.OfType<byte[]>().Select(k => new SymmetricSecurityKey(k))];

    private static string Reason(Exception? failure) => failure switch
    {
        SecurityTokenInvalidAudienceException => "the token is for another app",
        SecurityTokenInvalidIssuerException => "the token was not issued by Shopify",
        SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException or SecurityTokenNotYetValidException => "the token has expired or is not valid yet",
        SecurityTokenNoExpirationException => "the token has no expiry",
        SecurityTokenInvalidAlgorithmException => "the token is not signed with HS256",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the token's signature does not match the app's secret",
        _ => "the token cannot be read",
    };

    // Our clock, not the machine's, so a test can move it.
    private static bool Lifetime(TimeProvider time, DateTime? notBefore, DateTime? expires, bool requireExpiry)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var unexpired = expires is { } until ? now <= until + Leeway : !requireExpiry;
        return unexpired && (notBefore is not { } from || now >= from - Leeway);
    }
}
