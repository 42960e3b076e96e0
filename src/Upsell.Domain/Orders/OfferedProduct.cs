using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Upsell.Domain.Orders;

/// <summary>
/// Which order line a decision token may claim as an upsell: only a line of the product the decision offered, by its
/// SKU or by the shop platform's product id. The token carries the product as a mark (a short hash of each), so a
/// token copied onto any other line, however expensive, attributes nothing.
/// </summary>
public static class OfferedProduct
{
    private const char Separator = '~';

    /// <summary>The mark of an offer's product: its SKU's and its platform id's hashes; null when it names neither.</summary>
    public static string? Mark(string? sku, string? externalId) =>
        sku is null && externalId is null ? null : $"{Hash(sku)}{Separator}{Hash(PlatformId(externalId))}";

    /// <summary>Whether a line (its SKU, and the platform's product id when the platform sent one) is the marked product.</summary>
    public static bool Matches(string? mark, string lineSku, string? lineProductId)
    {
        ArgumentNullException.ThrowIfNull(lineSku);
        if (mark?.Split(Separator) is not [var sku, var product])
        {
            return false;
        }

        return (sku.Length > 0 && sku == Hash(lineSku))
            || (product.Length > 0 && lineProductId is not null && product == Hash(PlatformId(lineProductId)));
    }

    /// <summary>Whether a mark is in the shape <see cref="Mark"/> writes.</summary>
    public static bool IsMark(string? value) =>
        value is { Length: <= 40 } && value.Split(Separator) is [var sku, var product] && (sku.Length + product.Length) > 0
        && (sku.Length == 0 || Base64Url.IsValid(sku)) && (product.Length == 0 || Base64Url.IsValid(product));

    // Shopify names a variant "gid://shopify/ProductVariant/123" in its APIs and 123 in its webhooks: both are 123.
    private static string? PlatformId(string? id) => id is null ? null : id[(id.LastIndexOf('/') + 1)..];

    private static string Hash(string? value) =>
        value is null ? string.Empty : Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 9));
}
