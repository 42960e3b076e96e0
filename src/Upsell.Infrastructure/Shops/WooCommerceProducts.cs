using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Upsell.Domain.Money;
using Upsell.Domain.Statistics;
using Upsell.Infrastructure.Connectors;

namespace Upsell.Infrastructure.Shops;

/// <summary>
/// Searches a WooCommerce store's published products through its REST API (v3, a Read key): SKU, product id, name,
/// image and price, 20 at most; a variable product is listed as its variations, each with its own id and price.
/// Prices are in the shop's currency (<see cref="ReportOptions.Currency"/>), as WooCommerce states them.
/// </summary>
public sealed class WooCommerceProducts(ShopHttp http, IOptions<WooCommerceOptions> options, IOptions<ReportOptions> reports)
{
    private const int Most = 20;

    public async Task<ProductSearch> SearchAsync(string text, CancellationToken cancellationToken)
    {
        var query = $"per_page={Most}&status=publish" + (text.Length > 0 ? "&search=" + Uri.EscapeDataString(text) : string.Empty);
        var (products, problem) = await GetAsync($"wp-json/wc/v3/products?{query}", cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return new ProductSearch("woocommerce", [], problem);
        }

        using var list = products!;
        var found = await Task.WhenAll(list.RootElement.EnumerateArray().Select(async product =>
        {
            if (Text(product, "type") != "variable")
            {
                return [Of(product, Text(product, "name") ?? string.Empty, null)];
            }

            var id = product.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
            var (variations, failed) = await GetAsync($"wp-json/wc/v3/products/{id}/variations?per_page={Most}", cancellationToken).ConfigureAwait(false);
            using (variations)
            {
                return failed is not null ? [] : variations!.RootElement.EnumerateArray()
                    .Select(v => Of(v, $"{Text(product, "name")} – {string.Join(", ", v.GetProperty("attributes").EnumerateArray().Select(a => Text(a, "option")))}", product))
                    .ToArray();
            }
        })).ConfigureAwait(false);
        return new ProductSearch("woocommerce", [.. found.SelectMany(f => f).Take(Most)]);
    }

    private async Task<(JsonDocument? Json, string? Problem)> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(options.Value.StoreUrl.TrimEnd('/') + "/"), path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Value.ConsumerKey}:{options.Value.ConsumerSecret}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.Client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return (null, $"WooCommerce answered {(int)response.StatusCode}{Hint((int)response.StatusCode)}");
        }

        var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (json.RootElement.ValueKind != JsonValueKind.Array)
        {
            json.Dispose();
            return (null, "WooCommerce answered something other than a product list: check Upsell__WooCommerce__StoreUrl");
        }

        return (json, null);
    }

    private ShopProduct Of(JsonElement item, string title, JsonElement? parent)
    {
        var currency = reports.Value.Currency;
        var image = Image(item) ?? (parent is { } p ? Image(p) : null);
        return new ShopProduct(Text(item, "sku"), item.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture), title, image,
            DecimalAmount.ToMinor(Text(item, "price"), currency).Minor, currency);
    }

    private static string? Image(JsonElement item) =>
        item.TryGetProperty("images", out var images) && images.ValueKind == JsonValueKind.Array && images.GetArrayLength() > 0 ? Text(images[0], "src")
        : item.TryGetProperty("image", out var one) && one.ValueKind == JsonValueKind.Object ? Text(one, "src")
        : null;

    private static string Hint(int status) => status switch
    {
        401 => ": check Upsell__WooCommerce__ConsumerKey and ConsumerSecret",
        403 => ": the REST API key needs Read permission",
        404 => ": check Upsell__WooCommerce__StoreUrl (permalinks must not be Plain)",
        _ => string.Empty,
    };

    private static string? Text(JsonElement node, string name) =>
        node.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
