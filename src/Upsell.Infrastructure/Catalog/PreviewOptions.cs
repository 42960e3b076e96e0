using System.ComponentModel.DataAnnotations;

namespace Upsell.Infrastructure.Catalog;

/// <summary>
/// How the console's preview looks like the shop, bound from configuration section <see cref="SectionName"/>: the
/// shop's address (offer images given as shop paths, "/cdn/shop/files/card.jpg", are drawn from it) and its theme's
/// stylesheet (the preview page loads it, so cards take the shop's fonts, colours and --upsell-* properties).
/// </summary>
public sealed class PreviewOptions : IValidatableObject
{
    public const string SectionName = "Upsell:Preview";

    /// <summary>The storefront's address, such as https://shop.example; empty: shop paths are drawn from the console's origin.</summary>
    public string ShopUrl { get; set; } = string.Empty;

    /// <summary>An absolute https URL of the theme's stylesheet; empty: the preview's own plain page.</summary>
    public string StylesheetUrl { get; set; } = string.Empty;

    /// <summary>The stylesheet's origin, for the preview page's content security policy; null when there is none.</summary>
    public string? StylesheetOrigin => Uri.TryCreate(StylesheetUrl, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[] { (nameof(ShopUrl), ShopUrl), (nameof(StylesheetUrl), StylesheetUrl) })
        {
            if (value.Length > 0 && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.UserInfo.Length == 0))
            {
                yield return new ValidationResult($"{name} must be empty or an absolute https URL without credentials", [name]);
            }
        }
    }
}
