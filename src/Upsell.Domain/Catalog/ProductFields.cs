using Upsell.Domain.Validation;

namespace Upsell.Domain.Catalog;

/// <summary>
/// The rules for what makes an offer look like a product card: its image, its compare-at price and the shop
/// platform's id of the product. One place, so the offer and its experiment arms are held to the same rules.
/// </summary>
public static class ProductFields
{
    /// <summary>
    /// Whether a value is a usable image URL: an absolute https URL, or a path on the shop's own site ("/img/a.png",
    /// which the shopper's browser loads from the shop, over https on a live shop). Never http, never "//host".
    /// </summary>
    public static bool IsImageUrl(string? value)
    {
        if (value is not { Length: > 0 and <= Limits.ImageUrlLength } || value.Any(char.IsControl) || value.Any(char.IsWhiteSpace))
        {
            return false;
        }

        if (value.StartsWith('/'))
        {
            return !value.StartsWith("//", StringComparison.Ordinal) && !value.Contains('\\', StringComparison.Ordinal);
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0;
    }

    /// <summary>Adds an error when an image URL is given and is not usable.</summary>
    public static void ValidateImageUrl(List<FieldError> errors, string field, string? value)
    {
        if (value is not null && !IsImageUrl(value))
        {
            errors.Add(new FieldError(field, $"must be an https URL (or a path on the shop's site starting with /) of at most {Limits.ImageUrlLength} characters"));
        }
    }

    /// <summary>Adds an error when the shop platform's product id is given and is not usable.</summary>
    public static void ValidateExternalId(List<FieldError> errors, string field, string? value)
    {
        if (value is not null && !Fields.IsName(value))
        {
            errors.Add(new FieldError(field, $"must be 1 to {Limits.NameLength} printable characters, such as Shopify's variant id"));
        }
    }

    /// <summary>
    /// Adds an error when a compare-at price is given and is not a higher price in the offer's own currency.
    /// </summary>
    public static void ValidateCompareAt(List<FieldError> errors, PriceDocument? compareAt, PriceDocument? price)
    {
        if (compareAt is null)
        {
            return;
        }

        var currency = price?.Currency ?? Money.Money.DefaultCurrency;
        if (compareAt.Amount is not { } amount)
        {
            errors.Add(new FieldError("compareAtPrice.amount", "is required when there is a compare-at price"));
        }
        else if (amount > Limits.Price)
        {
            errors.Add(new FieldError("compareAtPrice.amount", $"must be at most {Limits.Price} minor units"));
        }
        else if (price?.Amount is { } priceAmount && amount <= priceAmount)
        {
            errors.Add(new FieldError("compareAtPrice.amount", $"must be above the price ({priceAmount} minor units), or left out"));
        }

        if (compareAt.Currency is { } other && !string.Equals(other, currency, StringComparison.Ordinal))
        {
            errors.Add(new FieldError("compareAtPrice.currency", $"must be the price's currency, {currency}"));
        }
    }
}
