using System.Security.Cryptography;
using System.Text;

namespace Upsell.Domain.FollowUps;

/// <summary>
/// The key under which an email address's unsubscribe and follow-ups are kept: a SHA-256 of the normalized address,
/// so those rows never hold the address itself and case or surrounding spaces do not make two addresses of one.
/// </summary>
public static class EmailAddressKey
{
    /// <summary>The key of an address: 64 lower-case hex digits.</summary>
    public static string Of(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var normalized = "upsell-address:" + email.Trim().ToLowerInvariant();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }

    /// <summary>Whether a text has the shape of a key.</summary>
    public static bool IsKey(string? text) =>
        text is { Length: 64 } && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
