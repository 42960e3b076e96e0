using System.ComponentModel.DataAnnotations;
using Upsell.Infrastructure.Tokens;

namespace Upsell.Infrastructure.FollowUps;

/// <summary>One-click unsubscribe links: their signing keys, how long they work, and where they point.</summary>
public sealed class UnsubscribeOptions : IValidatableObject
{
    public const string SectionName = "Upsell:Unsubscribe";

    /// <summary>Base64 of at least 32 random bytes (Key Vault in Azure).</summary>
    [Required]
    public string SigningKey { get; set; } = string.Empty;

    /// <summary>The key before the last rotation; links it signed keep working.</summary>
    public string? PreviousSigningKey { get; set; }

    /// <summary>How long an unsubscribe link works (the law asks for at least 30 days).</summary>
    [Range(30, 3650)]
    public int TokenDays { get; set; } = 365;

    /// <summary>The Function App's public address; links point at <c>{BaseUrl}/api/unsubscribe</c>.</summary>
    [Required]
    public string BaseUrl { get; set; } = "http://localhost:7071";

    /// <summary>The mailbox of the <c>mailto:</c> unsubscribe link.</summary>
    [Required]
    [EmailAddress]
    public string Mailbox { get; set; } = string.Empty;

    public byte[] KeyBytes => SigningKeys.Decode(SigningKey) ?? [];

    public byte[]? PreviousKeyBytes => SigningKeys.Decode(PreviousSigningKey);

    public string Url(string token) => $"{BaseUrl.TrimEnd('/')}/api/unsubscribe?token={Uri.EscapeDataString(token)}";

    public string Mailto(string token) => $"mailto:{Mailbox}?subject=unsubscribe%20{Uri.EscapeDataString(token)}";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var error in SigningKeys.Validate(SigningKey, PreviousSigningKey, nameof(SigningKey), nameof(PreviousSigningKey)))
        {
            yield return error;
        }

        if (!EmailOptions.IsHttpUrl(BaseUrl))
        {
            yield return new ValidationResult("BaseUrl must be the Function App's http(s) address.", [nameof(BaseUrl)]);
        }
    }
}
