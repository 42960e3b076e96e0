using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Upsell.Domain.Money;
using Upsell.Infrastructure.Connectors;

namespace Upsell.Infrastructure.Shops;

/// <summary>
/// Searches a Shopify shop's variants through the Admin GraphQL API (read_products): SKU, variant id, title, image
/// and price in the shop's currency, 20 at most.
/// </summary>
public sealed class ShopifyProducts(ShopHttp http, IOptions<ShopifyOptions> options)
{
    public const string Query =
        "query Pick($q: String) { shop { currencyCode } productVariants(first: 20, query: $q) " +
        "{ nodes { id sku price displayName image { url } product { featuredImage { url } } } } }";

    private const string VariantPrefix = "gid://shopify/ProductVariant/";

    public async Task<ProductSearch> SearchAsync(string text, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Value.GraphQlEndpoint) { Content = Body(text) };
        request.Headers.Add("X-Shopify-Access-Token", options.Value.AdminAccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.Client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return Failed($"Shopify answered {(int)response.StatusCode}{Hint((int)response.StatusCode)}");
        }

        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
        var root = json.RootElement;
        if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
        {
            return Failed($"Shopify refused the search: {errors[0].GetProperty("message").GetString()}");
        }

        var data = root.GetProperty("data");
        var currency = data.GetProperty("shop").GetProperty("currencyCode").GetString() ?? Money.DefaultCurrency;
        var products = data.GetProperty("productVariants").GetProperty("nodes").EnumerateArray().Select(node => new ShopProduct(
            Text(node, "sku"),
            node.GetProperty("id").GetString() is { } id && id.StartsWith(VariantPrefix, StringComparison.Ordinal) ? id[VariantPrefix.Length..] : node.GetProperty("id").GetString()!,
            Text(node, "displayName") ?? string.Empty,
            Url(node, "image") ?? (node.TryGetProperty("product", out var product) ? Url(product, "featuredImage") : null),
            DecimalAmount.ToMinor(Text(node, "price"), currency).Minor,
            currency)).ToList();
        return new ProductSearch("shopify", products);
    }

    private static StringContent Body(string text)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("query", Query);
            writer.WriteStartObject("variables");
            if (text.Length > 0)
            {
                writer.WriteString("q", text);
            }
            else
            {
                writer.WriteNull("q");
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return new StringContent(Encoding.UTF8.GetString(buffer.ToArray()), Encoding.UTF8, "application/json");
    }

    private static string Hint(int status) => status switch
    {
        401 => ": check Upsell__Shopify__AdminAccessToken",
        403 => ": the app needs the read_products scope",
        404 => ": check Upsell__Shopify__ShopDomain and AdminApiVersion",
        429 => ": too many requests, try again in a moment",
        _ => string.Empty,
    };

    private static ProductSearch Failed(string problem) => new("shopify", [], problem);

    private static string? Text(JsonElement node, string name) =>
        node.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static string? Url(JsonElement node, string name) =>
        node.TryGetProperty(name, out var image) && image.ValueKind == JsonValueKind.Object ? Text(image, "url") : null;
}
