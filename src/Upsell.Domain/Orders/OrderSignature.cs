using Upsell.Domain.Tokens;

namespace Upsell.Domain.Orders;

/// <summary>
/// The order webhook's signature: <c>sha256=</c> and the lower-case hex HMAC-SHA256 of the raw body. Verification
/// compares in constant time and accepts the previous secret during a rotation.
/// </summary>
public static class OrderSignature
{
    /// <summary>The header that carries the signature.</summary>
    public const string Header = "X-Upsell-Signature";

    private const string Prefix = "sha256=";

    /// <summary>The header value for a body.</summary>
    public static string Compute(ReadOnlySpan<byte> body, byte[] secret) =>
        Prefix + Convert.ToHexStringLower(new HmacKeyRing(secret).Sign(body));

    /// <summary>Whether the header is a valid signature of the body under the secret or the previous one.</summary>
    public static bool Verify(ReadOnlySpan<byte> body, string? header, byte[] secret, byte[]? previousSecret = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal) || header.Length != Prefix.Length + 64)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(header.AsSpan(Prefix.Length), given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        return new HmacKeyRing(secret, previousSecret).Verify(body, given);
    }
}
