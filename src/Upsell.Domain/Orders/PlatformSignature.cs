using Upsell.Domain.Tokens;

namespace Upsell.Domain.Orders;

/// <summary>
/// A shop platform's webhook signature, as Shopify (<c>X-Shopify-Hmac-Sha256</c>) and WooCommerce
/// (<c>X-WC-Webhook-Signature</c>) send it: the base64 HMAC-SHA256 of the raw body under the webhook secret.
/// Verification compares in constant time and accepts the previous secret during a rotation.
/// </summary>
public static class PlatformSignature
{
    /// <summary>The header value for a body.</summary>
    public static string Compute(ReadOnlySpan<byte> body, byte[] secret) => Convert.ToBase64String(new HmacKeyRing(secret).Sign(body));

    /// <summary>Whether the header is a valid signature of the body under the secret or the previous one.</summary>
    public static bool Verify(ReadOnlySpan<byte> body, string? header, byte[] secret, byte[]? previousSecret = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (header is not { Length: 44 })
        {
            return false;
        }

        Span<byte> given = stackalloc byte[33];
        return Convert.TryFromBase64String(header, given, out var written) && written == 32
            && new HmacKeyRing(secret, previousSecret).Verify(body, given[..32]);
    }
}
