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

    /// <summary>How long a follow-up email's decision token is accepted on an order (its link sits in an inbox).</summary>
    [Range(1, 60)]
    public int EmailMaxAgeDays { get; set; } = 7;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        SigningKeys.Validate(SigningKey, PreviousSigningKey, nameof(SigningKey), nameof(PreviousSigningKey));
}
