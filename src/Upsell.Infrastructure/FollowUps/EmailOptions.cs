using System.ComponentModel.DataAnnotations;

namespace Upsell.Infrastructure.FollowUps;

/// <summary>How follow-up emails go out, and who they come from.</summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string SectionName = "Upsell:Email";

    /// <summary>The SendGrid API key (Key Vault in Azure). Empty: emails are written to <see cref="OutboxPath"/> instead.</summary>
    public string? SendGridApiKey { get; set; }

    /// <summary>The SendGrid API's base address.</summary>
    [Required]
    public string SendGridHost { get; set; } = "https://api.sendgrid.com";

    /// <summary>The sender address, verified in SendGrid; required with an API key.</summary>
    public string? FromAddress { get; set; }

    /// <summary>The shop's name, as sender name and in every email.</summary>
    [Required]
    public string ShopName { get; set; } = string.Empty;

    /// <summary>The shop's postal address, in every email's footer (anti-spam laws ask for it).</summary>
    [Required]
    public string ShopAddress { get; set; } = string.Empty;

    /// <summary>The add-on's link, with <c>{sku}</c>, <c>{offerId}</c> and <c>{token}</c> filled in (URL-escaped).</summary>
    [Required]
    public string OfferUrlTemplate { get; set; } = string.Empty;

    /// <summary>Where emails are written as .eml and .html files when there is no API key.</summary>
    [Required]
    public string OutboxPath { get; set; } = ".outbox";

    /// <summary>How long one request to SendGrid may take; after that its fate is unknown and it is not sent again.</summary>
    [Range(1, 300)]
    public int SendTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// The verification key of SendGrid's signed Event Webhook (Mail Settings, Webhook Settings: base64, as SendGrid
    /// shows it). Set: <c>POST /api/connectors/sendgrid</c> takes delivery events, and a follow-up counts as the
    /// post-purchase moment's impression when SendGrid says it was delivered, not when it was sent. Empty: the route
    /// answers 404 and a sent email counts.
    /// </summary>
    public string? EventWebhookPublicKey { get; set; }

    /// <summary>How far a signed event batch's timestamp may lie from now, either way, before it is refused as a replay.</summary>
    [Range(1, 60)]
    public int EventWebhookMaxAgeMinutes { get; set; } = 5;

    /// <summary>The largest event batch taken, in bytes; SendGrid sends batches well under it.</summary>
    [Range(1024, 16_777_216)]
    public int EventWebhookMaxBytes { get; set; } = 4_194_304;

    /// <summary>
    /// SendGrid dynamic templates by the recipient's locale, as <c>locale=templateId</c> pairs split by <c>;</c>: a
    /// full locale (<c>de-DE</c>), a language (<c>de</c>) or <c>*</c> for every other, each id SendGrid's
    /// <c>d-…</c>. A recipient whose locale has one gets that template with the email's words as its data
    /// (<c>FollowUpTemplateData</c>); everyone else the built-in email. Empty: always the built-in email.
    /// </summary>
    public string? TemplateIds { get; set; }

    /// <summary>A SendGrid unsubscribe group (Advanced Suppression Manager) the follow-ups belong to; 0: none.</summary>
    [Range(0, int.MaxValue)]
    public int UnsubscribeGroupId { get; set; }

    public bool UsesSendGrid => !string.IsNullOrWhiteSpace(SendGridApiKey);

    /// <summary>The dynamic template for a recipient's locale, or null for the built-in email.</summary>
    public string? TemplateFor(string? locale)
    {
        var templates = Templates();
        if (locale is { Length: > 0 } && (templates.GetValueOrDefault(locale) ?? templates.GetValueOrDefault(locale.Split('-')[0])) is { } id)
        {
            return id;
        }

        return templates.GetValueOrDefault("*");
    }

    private Dictionary<string, string> Templates() =>
        (TemplateIds ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.OrdinalIgnoreCase);

    public bool UsesEventWebhook => !string.IsNullOrWhiteSpace(EventWebhookPublicKey);

    public string OfferUrl(string sku, string offerId, string token) =>
        OfferUrlTemplate
            .Replace("{sku}", Uri.EscapeDataString(sku), StringComparison.Ordinal)
            .Replace("{offerId}", Uri.EscapeDataString(offerId), StringComparison.Ordinal)
            .Replace("{token}", Uri.EscapeDataString(token), StringComparison.Ordinal);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (UsesSendGrid && string.IsNullOrWhiteSpace(FromAddress))
        {
            yield return new ValidationResult("FromAddress is required to send through SendGrid.", [nameof(FromAddress)]);
        }

        if (UsesEventWebhook && !SendGridEvents.IsPublicKey(EventWebhookPublicKey!))
        {
            yield return new ValidationResult("EventWebhookPublicKey must be the base64 verification key SendGrid shows for its signed Event Webhook.", [nameof(EventWebhookPublicKey)]);
        }

        foreach (var pair in (TemplateIds ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (pair.Split('=', 2, StringSplitOptions.TrimEntries) is not [{ Length: > 0 }, { Length: > 2 } id] || !id.StartsWith("d-", StringComparison.Ordinal))
            {
                yield return new ValidationResult($"TemplateIds must be locale=d-… pairs split by ';' (such as de=d-0123;*=d-4567); '{pair}' is not one.", [nameof(TemplateIds)]);
            }
        }

        if (!IsHttpUrl(SendGridHost))
        {
            yield return new ValidationResult("SendGridHost must be an http(s) URL.", [nameof(SendGridHost)]);
        }

        if (!IsHttpUrl(OfferUrl("SKU", "offer", "token")))
        {
            yield return new ValidationResult("OfferUrlTemplate must be an http(s) URL such as https://shop.example/cart/add?sku={sku}&upsell={token}.", [nameof(OfferUrlTemplate)]);
        }
    }

    internal static bool IsHttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
