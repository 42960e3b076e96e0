using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Upsell.Infrastructure.Orders;

/// <summary>The order webhook's shared secrets. In Azure they come from Key Vault references.</summary>
public sealed class OrderOptions : IValidatableObject
{
    public const string SectionName = "Upsell:Orders";

    /// <summary>The secret the commerce backend signs each order body with (at least 32 characters).</summary>
    [Required]
    public string WebhookSecret { get; set; } = string.Empty;

    /// <summary>The secret before the last rotation, accepted until the backend has switched.</summary>
    public string? PreviousWebhookSecret { get; set; }

    public byte[] SecretBytes => Encoding.UTF8.GetBytes(WebhookSecret);

    public byte[]? PreviousSecretBytes => string.IsNullOrEmpty(PreviousWebhookSecret) ? null : Encoding.UTF8.GetBytes(PreviousWebhookSecret);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (WebhookSecret.Length < 32)
        {
            yield return new ValidationResult("WebhookSecret must be at least 32 characters.", [nameof(WebhookSecret)]);
        }

        if (PreviousWebhookSecret is { Length: > 0 and < 32 })
        {
            yield return new ValidationResult("PreviousWebhookSecret must be at least 32 characters.", [nameof(PreviousWebhookSecret)]);
        }
    }
}
