using System.Text;

namespace Upsell.Infrastructure.Connectors;

/// <summary>
/// The WooCommerce connector (<c>POST /api/connectors/woocommerce</c>). Off until <see cref="WebhookSecret"/> is set;
/// in Azure the secrets come from Key Vault references.
/// </summary>
public sealed class WooCommerceOptions
{
    public const string SectionName = "Upsell:WooCommerce";

    /// <summary>The webhooks' secret, which signs every delivery (X-WC-Webhook-Signature). Empty: the connector is off.</summary>
    public string WebhookSecret { get; set; } = string.Empty;

    /// <summary>The secret before the last rotation, accepted until every webhook has the new one.</summary>
    public string? PreviousWebhookSecret { get; set; }

    /// <summary>The order meta key whose value "yes" (or "1", "true", "on") records marketing consent.</summary>
    public string ConsentMetaKey { get; set; } = "_upsell_marketing_consent";

    public bool Enabled => WebhookSecret.Length > 0;

    public byte[] SecretBytes => Encoding.UTF8.GetBytes(WebhookSecret);

    public byte[]? PreviousSecretBytes => string.IsNullOrEmpty(PreviousWebhookSecret) ? null : Encoding.UTF8.GetBytes(PreviousWebhookSecret);
}
