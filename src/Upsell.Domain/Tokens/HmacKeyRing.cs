using System.Security.Cryptography;

namespace Upsell.Domain.Tokens;

/// <summary>
/// The HMAC-SHA256 keys of one signer: the current key signs; the current and, during a rotation, the previous key
/// verify, each compared in constant time and both always computed, so timing does not tell which key matched.
/// Decision tokens, unsubscribe tokens and the order webhook all sign through one.
/// </summary>
public sealed class HmacKeyRing
{
    /// <summary>The MAC length in bytes.</summary>
    public const int MacBytes = 32;

    private readonly byte[] _current;
    private readonly byte[]? _previous;

    /// <summary>A ring of the current key and, while clients move over, the previous one.</summary>
    public HmacKeyRing(byte[] current, byte[]? previous = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        _current = current;
        _previous = previous is { Length: > 0 } ? previous : null;
    }

    /// <summary>The shortest key of the ring, for signers that require a minimum.</summary>
    public int ShortestKeyBytes => Math.Min(_current.Length, _previous?.Length ?? int.MaxValue);

    /// <summary>The MAC of the data under the current key.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => HMACSHA256.HashData(_current, data);

    /// <summary>Whether the MAC is the data's under the current or the previous key.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> mac)
    {
        if (mac.Length != MacBytes)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[MacBytes];
        HMACSHA256.HashData(_current, data, expected);
        var matches = CryptographicOperations.FixedTimeEquals(expected, mac);
        if (_previous is not null)
        {
            HMACSHA256.HashData(_previous, data, expected);
            matches |= CryptographicOperations.FixedTimeEquals(expected, mac);
        }

        return matches;
    }
}
