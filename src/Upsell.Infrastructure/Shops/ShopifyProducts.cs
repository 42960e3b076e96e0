using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Upsell.Domain.Money;
using Upsell.Infrastructure.Connectors;

namespace Upsell.Infrastructure.Shops;

/// <summary>What Shopify's Admin API says of one variant: its SKU and its product's type (the category offers target).</summary>
public sealed record ShopifyVariant(string? Sku, string? ProductType);

/// <summary>
/// Reads a Shopify shop's variants through the Admin GraphQL API (read_products): a search for the console's product
/// picker (SKU, variant id, title, image and price in the shop's currency, 20 at most), and the SKUs and product types
/// of given variant ids, for the post-purchase page, whose purchase names variants only.
/// </summary>
public sealed class ShopifyProducts(ShopHttp http, IOptions<ShopifyOptions> options)
{
    public const string Query =
        "query Pick($q: String) { shop { currencyCode } productVariants(first: 20, query: $q) " +
        "{ nodes { id sku price displayName image { url } product { featuredImage { url } } } } }";

    public const string VariantsQuery =
        "query Variants($ids: [ID!]!) { nodes(ids: $ids) { ... on ProductVariant { id sku product { productType } } } }";

    private const string VariantPrefix = "gid://shopify/ProductVariant/";

    public async Task<ProductSearch> SearchAsync(string text, CancellationToken cancellationToken)
    {
        using var response = await PostAsync(Body(Query, w => w.WriteString("q", text.Length > 0 ? text : null)), cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// The SKU and product type of each variant Shopify knows, by id; none when the Admin API is not connected, fails,
    /// or takes longer than <paramref name="budget"/>: the caller then goes on with what it has.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, ShopifyVariant>> VariantsAsync(IReadOnlyCollection<long> ids, TimeSpan budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (!options.Value.CanSearchProducts || ids.Count == 0)
        {
            return new Dictionary<long, ShopifyVariant>();
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(budget);
        try
        {
            var body = Body(VariantsQuery, w =>
            {
                w.WriteStartArray("ids");
                foreach (var id in ids)
                {
                    w.WriteStringValue(VariantPrefix + id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                w.WriteEndArray();
            });
            using var response = await PostAsync(body, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return new Dictionary<long, ShopifyVariant>();
            }

            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false), cancellationToken: timeout.Token).ConfigureAwait(false);
            var found = new Dictionary<long, ShopifyVariant>();
            if (json.RootElement.TryGetProperty("data", out var data) && data.TryGetProperty("nodes", out var nodes) && nodes.ValueKind == JsonValueKind.Array)
            {
                foreach (var node in nodes.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.Object))
                {
                    if (Text(node, "id") is { } id && id.StartsWith(VariantPrefix, StringComparison.Ordinal) && long.TryParse(id[VariantPrefix.Length..], out var variant))
                    {
                        found[variant] = new ShopifyVariant(Text(node, "sku"), node.TryGetProperty("product", out var product) && product.ValueKind == JsonValueKind.Object ? Text(product, "productType") : null);
                    }
                }
            }

            return found;
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            return new Dictionary<long, ShopifyVariant>();
        }
    }

    private async Task<HttpResponseMessage> PostAsync(StringContent body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Value.GraphQlEndpoint) { Content = body };
        request.Headers.Add("X-Shopify-Access-Token", options.Value.AdminAccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await http.Client.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static StringContent Body(string query, Action<Utf8JsonWriter> variables)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("query", query);
            writer.WriteStartObject("variables");
            variables(writer);
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
