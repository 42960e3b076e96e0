using System.ComponentModel.DataAnnotations;
using System.Text;
using Upsell.Infrastructure.Shops;

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

    /// <summary>
    /// The app's client id: the audience of the session tokens Shopify gives the app's checkout extensions, which the
    /// client secret (<see cref="WebhookSecret"/>) signs. Empty: a request with a session token is refused.
    /// </summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>
    /// An Admin API access token with the read_products scope (the app's, once installed); the console then picks
    /// offer products from the shop's catalog. Empty: SKUs and ids are typed by hand. Key Vault in Azure.
    /// </summary>
    public string AdminAccessToken { get; set; } = string.Empty;

    /// <summary>The Admin API version the product search asks for.</summary>
    [RegularExpression("^[0-9]{4}-(01|04|07|10)$")]
    public string AdminApiVersion { get; set; } = "2025-10";

    /// <summary>Where the Admin API answers; empty for the shop itself (https://{ShopDomain}). Set only for a proxy.</summary>
    public string AdminApiUrl { get; set; } = string.Empty;

    /// <summary>
    /// The key that signs an offer's price for the app's discount Function (at least 32 characters), which reads it from
    /// the discount's app-owned metafield; nothing else holds it. Empty: checkout offers are sold at the product's own
    /// price. Key Vault in Azure.
    /// </summary>
    public string DiscountKey { get; set; } = string.Empty;

    public bool Enabled => WebhookSecret.Length > 0;

    /// <summary>Whether the console can search the shop's products.</summary>
    public bool CanSearchProducts => AdminAccessToken.Length > 0;

    /// <summary>The GraphQL endpoint of the Admin API.</summary>
    public Uri GraphQlEndpoint => new($"{(AdminApiUrl.Length > 0 ? AdminApiUrl.TrimEnd('/') : "https://" + ShopDomain)}/admin/api/{AdminApiVersion}/graphql.json");

    public byte[] SecretBytes => Encoding.UTF8.GetBytes(WebhookSecret);

    public byte[]? PreviousSecretBytes => string.IsNullOrEmpty(PreviousWebhookSecret) ? null : Encoding.UTF8.GetBytes(PreviousWebhookSecret);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!OrderTopics.Contains(OrderTopic))
        {
            yield return new ValidationResult($"OrderTopic must be one of {string.Join(", ", OrderTopics)}.", [nameof(OrderTopic)]);
        }

        if ((Enabled || CanSearchProducts) && !ShopDomain.EndsWith(".myshopify.com", StringComparison.Ordinal))
        {
            yield return new ValidationResult("ShopDomain must be the shop's myshopify.com domain when the connector or the product search is on.", [nameof(ShopDomain)]);
        }

        if (DiscountKey.Length is > 0 and < 32)
        {
            yield return new ValidationResult("DiscountKey must be at least 32 characters.", [nameof(DiscountKey)]);
        }

        if (AdminApiUrl.Length > 0 && !ShopEndpoints.IsSafe(AdminApiUrl))
        {
            yield return new ValidationResult("AdminApiUrl must be an absolute https URL (http only on this machine).", [nameof(AdminApiUrl)]);
        }
    }
}
