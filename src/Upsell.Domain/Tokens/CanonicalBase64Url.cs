using System.Buffers.Text;

namespace Upsell.Domain.Tokens;

/// <summary>
/// Base64url as a token must spell it: no padding, no whitespace, and the unused bits of the last character zero. A
/// decoder that also took the other spellings would let one signed token be sent as several different strings.
/// </summary>
public static class CanonicalBase64Url
{
    /// <summary>The bytes, when <paramref name="text"/> is the one way of writing them; false for any other spelling.</summary>
    public static bool TryDecode(string text, out byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        bytes = [];
        if (text.Length == 0 || !Base64Url.IsValid(text) || text.Contains('=', StringComparison.Ordinal) || text.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var decoded = Base64Url.DecodeFromChars(text);
        if (!string.Equals(Base64Url.EncodeToString(decoded), text, StringComparison.Ordinal))
        {
            return false;
        }

        bytes = decoded;
        return true;
    }
}
