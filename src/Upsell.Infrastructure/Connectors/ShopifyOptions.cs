using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Upsell.Infrastructure.Connectors;

/// <summary>
/// The Shopify connector (<c>POST /api/connectors/shopify</c>). Off until <see cref="WebhookSecret"/> is set; in
/// Azure the secrets come from Key Vault references.
/// </summary>
public sealed class ShopifyOptions : IValidatableObject
{
    public const string SectionName = "Upsell:Shopify";

    /// <summary>The topics that may carry the order: the one configured is recorded, the other is answered and ignored.</summary>
    public static readonly IReadOnlyList<string> OrderTopics = ["orders/create", "orders/paid"];

    /// <summary>The app's client secret, which signs every webhook (X-Shopify-Hmac-Sha256). Empty: the connector is off.</summary>
    public string WebhookSecret { get; set; } = string.Empty;

    /// <summary>The client secret before the last rotation, accepted until Shopify signs with the new one.</summary>
    public string? PreviousWebhookSecret { get; set; }

    /// <summary>The shop's myshopify.com domain; a webhook from another shop (X-Shopify-Shop-Domain) is refused.</summary>
    public string ShopDomain { get; set; } = string.Empty;

    /// <summary>The topic that records an order: orders/create (every order) or orders/paid (once it is paid).</summary>
    public string OrderTopic { get; set; } = "orders/create";

    public bool Enabled => WebhookSecret.Length > 0;

    public byte[] SecretBytes => Encoding.UTF8.GetBytes(WebhookSecret);

    public byte[]? PreviousSecretBytes => string.IsNullOrEmpty(PreviousWebhookSecret) ? null : Encoding.UTF8.GetBytes(PreviousWebhookSecret);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!OrderTopics.Contains(OrderTopic))
        {
            yield return new ValidationResult($"OrderTopic must be one of {string.Join(", ", OrderTopics)}.", [nameof(OrderTopic)]);
        }

        if (Enabled && !ShopDomain.EndsWith(".myshopify.com", StringComparison.Ordinal))
        {
            yield return new ValidationResult("ShopDomain must be the shop's myshopify.com domain when the connector is on.", [nameof(ShopDomain)]);
        }
    }
}
