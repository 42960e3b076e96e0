using System.ComponentModel.DataAnnotations;

namespace Upsell.Infrastructure.Tokens;

/// <summary>HMAC keys given as base64 of at least 32 random bytes (<c>openssl rand -base64 32</c>), with the key before a rotation.</summary>
internal static class SigningKeys
{
    public const int MinBytes = 32;

    public static IEnumerable<ValidationResult> Validate(string key, string? previousKey, string keyName, string previousKeyName)
    {
        if (Decode(key) is not { Length: >= MinBytes })
        {
            yield return new ValidationResult($"{keyName} must be base64 of at least {MinBytes} bytes.", [keyName]);
        }

        if (previousKey is { Length: > 0 } && Decode(previousKey) is not { Length: >= MinBytes })
        {
            yield return new ValidationResult($"{previousKeyName} must be base64 of at least {MinBytes} bytes.", [previousKeyName]);
        }
    }

    public static byte[]? Decode(string? base64)
    {
        if (string.IsNullOrEmpty(base64))
        {
            return null;
        }

        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) ? buffer[..written] : null;
    }
}
