using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Upsell.Domain.Tokens;

namespace Upsell.Domain.FollowUps;

/// <summary>
/// Signs and checks one-click unsubscribe tokens: <c>u1.{address key}.{issued, Unix seconds}.{HMAC-SHA256}</c>
/// (base64url). A token names an address only by its <see cref="EmailAddressKey"/>; the previous key is still
/// accepted, so a rotation does not break links already in inboxes.
/// </summary>
public sealed class UnsubscribeTokenSigner(byte[] key, byte[]? previousKey = null)
{
    private readonly HmacKeyRing _keys = new(key, previousKey);

    private const string Version = "u1";

    /// <summary>A token for the address with key <paramref name="addressKey"/>, issued at <paramref name="issuedAt"/>.</summary>
    public string Sign(string addressKey, DateTimeOffset issuedAt)
    {
        if (!EmailAddressKey.IsKey(addressKey))
        {
            throw new ArgumentException("Not an address key.", nameof(addressKey));
        }

        var payload = string.Create(CultureInfo.InvariantCulture, $"{Version}.{addressKey}.{issuedAt.ToUnixTimeSeconds()}");
        return payload + "." + Base64Url.EncodeToString(_keys.Sign(Encoding.ASCII.GetBytes(payload)));
    }

    /// <summary>
    /// Checks a token: well formed, signed by the current or previous key, issued no later than a minute from
    /// <paramref name="now"/> and not older than <paramref name="maxAge"/>.
    /// </summary>
    public bool TryVerify(string? token, DateTimeOffset now, TimeSpan maxAge, out string addressKey, out string error)
    {
        addressKey = string.Empty;
        var parts = token?.Split('.') ?? [];
        if (parts.Length != 4 || parts[0] != Version || !EmailAddressKey.IsKey(parts[1])
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253_402_300_799)
        {
            error = "is not an unsubscribe token";
            return false;
        }

        var payload = $"{parts[0]}.{parts[1]}.{parts[2]}";
        // Only the one spelling of the signature: another would make the same token a different link.
        if (parts[3].Length > 64 || !Tokens.CanonicalBase64Url.TryDecode(parts[3], out var signature) || !_keys.Verify(Encoding.ASCII.GetBytes(payload), signature))
        {
            error = "has a bad signature";
            return false;
        }

        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (issuedAt > now.AddMinutes(1) || now - issuedAt > maxAge)
        {
            error = "has expired";
            return false;
        }

        addressKey = parts[1];
        error = string.Empty;
        return true;
    }
}
