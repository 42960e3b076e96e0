using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Functions.Catalog;
using Upsell.Infrastructure.Shops;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>
/// The offer editor's product picker against a shop at the HTTP level: the exact requests Shopify's Admin API and a
/// WooCommerce store receive, what the route answers (contracts/api/admin-products-response.json, which the console's
/// tests serve), and what it says when there is no shop or the shop refuses.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class ProductSearchTests(Azurite azurite) : IAsyncLifetime
{
    private ShopStandIn _shop = null!;

    public async Task InitializeAsync() => _shop = await ShopStandIn.StartAsync();

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    [Fact]
    public async Task Shopify_is_asked_once_with_the_token_and_the_text_and_its_variants_come_back_ready_for_an_offer()
    {
        _shop.Answer("/admin/api/2025-10/graphql.json", Fixture("shopify-product-variants.json"));
        await using var app = Shopify("shpat_0123456789abcdef");

        var response = await FindAsync(app, "sd card");

        Assert.Equal(200, response.Status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Fixture("admin-products-response.json")), JsonNode.Parse(response.Body)), response.Body);
        var request = Assert.Single(_shop.Requests);
        Assert.Equal(("POST", "/admin/api/2025-10/graphql.json"), (request.Method, request.Path));
        Assert.Equal("shpat_0123456789abcdef", request.Headers["x-shopify-access-token"]);
        Assert.StartsWith("application/json", request.Headers["content-type"], StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(JsonSerializer.Serialize(new { query = ShopifyProducts.Query, variables = new { q = "sd card" } })), JsonNode.Parse(request.Body)), request.Body);
    }

    [Fact]
    public async Task A_WooCommerce_store_is_searched_with_its_read_key_and_a_variable_product_is_listed_as_its_variations()
    {
        _shop.Answer("/wp-json/wc/v3/products", Fixture("woocommerce-products.json"));
        _shop.Answer("/wp-json/wc/v3/products/81/variations", Fixture("woocommerce-variations.json"));
        await using var app = new TestApp(azurite, new Dictionary<string, string?>
        {
            ["Upsell:WooCommerce:StoreUrl"] = _shop.Url,
            ["Upsell:WooCommerce:ConsumerKey"] = "ck_read",
            ["Upsell:WooCommerce:ConsumerSecret"] = "cs_secret",
        });

        var response = await FindAsync(app, "socks & bag");

        var found = response.Json.GetProperty("products").EnumerateArray()
            .Select(p => (p.GetProperty("title").GetString(), p.GetProperty("platformId").GetString(), p.TryGetProperty("sku", out var sku) ? sku.GetString() : null,
                p.GetProperty("priceMinor").GetInt64(), p.GetProperty("imageUrl").GetString()))
            .ToList();
        Assert.Equal("woocommerce", response.Json.GetProperty("platform").GetString());
        Assert.Equal(
        [
            ("Trail socks – M", "91", "SOCKS-M", 1200L, "https://shop.example/wp-content/uploads/2026/05/socks-m.jpg"),
            ("Trail socks – L", "92", null, 1350L, "https://shop.example/wp-content/uploads/2026/05/socks.jpg"),
            ("Camera bag", "70", "BAG-01", 3490L, "https://shop.example/wp-content/uploads/2026/05/bag.jpg"),
        ], found);
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ck_read:cs_secret"));
        Assert.Equal(
        [
            ("GET", "/wp-json/wc/v3/products", "?per_page=20&status=publish&search=socks%20%26%20bag", basic),
            ("GET", "/wp-json/wc/v3/products/81/variations", "?per_page=20", basic),
        ], _shop.Requests.Select(r => (r.Method, r.Path, r.Query, r.Headers["authorization"])).OrderByDescending(r => r.Path == "/wp-json/wc/v3/products"));
    }

    [Fact]
    public async Task Without_a_connected_shop_the_answer_says_so_and_nothing_is_called()
    {
        await using var app = new TestApp(azurite);

        var response = await FindAsync(app, "bag");

        Assert.Equal(200, response.Status);
        Assert.Equal("{\"products\":[]}", response.Body);
        Assert.Empty(_shop.Requests);
    }

    [Theory]
    [InlineData(401, "Shopify answered 401: check Upsell__Shopify__AdminAccessToken")]
    [InlineData(403, "Shopify answered 403: the app needs the read_products scope")]
    public async Task A_shop_that_refuses_is_a_problem_in_words_never_a_server_error(int status, string problem)
    {
        _shop.Answer("/admin/api/2025-10/graphql.json", "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}", status);
        await using var app = Shopify("shpat_wrong");

        var response = await FindAsync(app, "bag");

        Assert.Equal(200, response.Status);
        Assert.Equal(problem, response.Json.GetProperty("problem").GetString());
        Assert.Empty(response.Json.GetProperty("products").EnumerateArray());
    }

    [Fact]
    public async Task A_search_longer_than_a_hundred_characters_is_refused_before_the_shop_is_asked()
    {
        await using var app = Shopify("shpat_0123456789abcdef");

        var response = await FindAsync(app, new string('a', 101));

        Assert.Equal(400, response.Status);
        Assert.Contains("at most 100 characters", response.Body, StringComparison.Ordinal);
        Assert.Empty(_shop.Requests);
    }

    private TestApp Shopify(string token) => new(azurite, new Dictionary<string, string?>
    {
        ["Upsell:Shopify:AdminAccessToken"] = token,
        ["Upsell:Shopify:AdminApiUrl"] = _shop.Url,
    });

    private static async Task<Http.Response> FindAsync(TestApp app, string text)
    {
        var request = Http.Request("GET");
        request.QueryString = QueryString.Create("q", text);
        return await Http.ExecuteAsync(request, await ActivatorUtilities.CreateInstance<FindProductsFunction>(app.Services).FindProducts(request, default));
    }

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(Azurite.RepositoryRoot(), "contracts", "api", name));
}
