using System.ComponentModel.DataAnnotations;
using System.Text;
using Upsell.Infrastructure.Shops;

namespace Upsell.Infrastructure.Connectors;

/// <summary>
/// The WooCommerce connector (<c>POST /api/connectors/woocommerce</c>). Off until <see cref="WebhookSecret"/> is set;
/// in Azure the secrets come from Key Vault references.
/// </summary>
public sealed class WooCommerceOptions : IValidatableObject
{
    public const string SectionName = "Upsell:WooCommerce";

    /// <summary>The webhooks' secret, which signs every delivery (X-WC-Webhook-Signature). Empty: the connector is off.</summary>
    public string WebhookSecret { get; set; } = string.Empty;

    /// <summary>The secret before the last rotation, accepted until every webhook has the new one.</summary>
    public string? PreviousWebhookSecret { get; set; }

    /// <summary>The order meta key whose value "yes" (or "1", "true", "on") records marketing consent.</summary>
    public string ConsentMetaKey { get; set; } = "_upsell_marketing_consent";

    /// <summary>The store's address (https://shop.example); with the REST API keys, the console picks offer products from it.</summary>
    public string StoreUrl { get; set; } = string.Empty;

    /// <summary>A REST API key with Read permission (ck_…). Key Vault in Azure.</summary>
    public string ConsumerKey { get; set; } = string.Empty;

    /// <summary>The REST API key's secret (cs_…). Key Vault in Azure.</summary>
    public string ConsumerSecret { get; set; } = string.Empty;

    public bool Enabled => WebhookSecret.Length > 0;

    /// <summary>Whether the console can search the store's products.</summary>
    public bool CanSearchProducts => StoreUrl.Length > 0 && ConsumerKey.Length > 0 && ConsumerSecret.Length > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var given = new[] { StoreUrl, ConsumerKey, ConsumerSecret }.Count(v => v.Length > 0);
        if (given is > 0 and < 3)
        {
            yield return new ValidationResult("StoreUrl, ConsumerKey and ConsumerSecret go together: set all three or none.", [nameof(StoreUrl)]);
        }

        if (StoreUrl.Length > 0 && !ShopEndpoints.IsSafe(StoreUrl))
        {
            yield return new ValidationResult("StoreUrl must be an absolute https URL (http only on this machine).", [nameof(StoreUrl)]);
        }
    }

    public byte[] SecretBytes => Encoding.UTF8.GetBytes(WebhookSecret);

    public byte[]? PreviousSecretBytes => string.IsNullOrEmpty(PreviousWebhookSecret) ? null : Encoding.UTF8.GetBytes(PreviousWebhookSecret);
}
