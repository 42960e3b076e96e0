using System.ComponentModel.DataAnnotations;

namespace Upsell.Infrastructure.Tokens;

/// <summary>The decision-token signing keys. In Azure they come from Key Vault references.</summary>
public sealed class TokenOptions : IValidatableObject
{
    public const string SectionName = "Upsell:Tokens";

    /// <summary>Base64 of at least 32 random bytes (<c>openssl rand -base64 32</c>).</summary>
    [Required]
    public string SigningKey { get; set; } = string.Empty;

    /// <summary>The key before the last rotation; tokens it signed stay valid until they expire.</summary>
    public string? PreviousSigningKey { get; set; }

    /// <summary>How long a decision token is accepted with events.</summary>
    [Range(1, 10_080)]
    public int MaxAgeMinutes { get; set; } = 1440;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Decode(SigningKey) is not { Length: >= 32 })
        {
            yield return new ValidationResult("SigningKey must be base64 of at least 32 bytes.", [nameof(SigningKey)]);
        }

        if (PreviousSigningKey is { Length: > 0 } && Decode(PreviousSigningKey) is not { Length: >= 32 })
        {
            yield return new ValidationResult("PreviousSigningKey must be base64 of at least 32 bytes.", [nameof(PreviousSigningKey)]);
        }
    }

    internal static byte[]? Decode(string? base64)
    {
        if (string.IsNullOrEmpty(base64))
        {
            return null;
        }

        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) ? buffer[..written] : null;
    }
}
