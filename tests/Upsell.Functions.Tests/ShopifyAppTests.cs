using Tomlyn;
using Tomlyn.Model;
using Upsell.Infrastructure.Connectors;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>
/// The Shopify app as `shopify app deploy` reads it (shopify/): its webhooks point at the route the connector is
/// served on, with the topics the connector records and Shopify's privacy topics; its theme embed is declared.
/// </summary>
public sealed class ShopifyAppTests
{
    private static readonly string Folder = Path.Combine(Azurite.RepositoryRoot(), "shopify");

    [Fact]
    public void The_app_subscribes_the_order_refund_and_privacy_topics_at_the_route_the_connector_is_served_on()
    {
        var app = Read("shopify.app.toml");
        var webhooks = (TomlTable)app["webhooks"];
        var subscriptions = ((TomlTableArray)webhooks["subscriptions"]).ToList();
        var connector = "/api/" + FunctionsMetadataTests.RouteOf("ReceiveShopifyWebhook");

        Assert.Matches("^[0-9]{4}-(01|04|07|10)$", (string)webhooks["api_version"]);
        Assert.Equal(new ShopifyOptions().AdminApiVersion, (string)webhooks["api_version"]);
        Assert.All(subscriptions, s => Assert.Equal(connector, (string)s["uri"]));
        Assert.Equal(["orders/create", "refunds/create", "orders/cancelled"], Topics(subscriptions, "topics"));
        Assert.Contains(new ShopifyOptions().OrderTopic, Topics(subscriptions, "topics"));
        Assert.Equal(["customers/data_request", "customers/redact", "shop/redact"], Topics(subscriptions, "compliance_topics"));
        Assert.Equal(["read_orders", "read_products", "write_discounts"], ((string)((TomlTable)app["access_scopes"])["scopes"]).Split(','));
        Assert.Equal("YOUR_CLIENT_ID", (string)app["client_id"]);
    }

    [Fact]
    public void The_theme_embed_is_declared_with_its_block_and_the_script_that_starts_it()
    {
        var extension = Read(Path.Combine("extensions", "upsell-theme", "shopify.extension.toml"));
        var block = File.ReadAllText(Path.Combine(Folder, "extensions", "upsell-theme", "blocks", "upsell-embed.liquid"));

        Assert.Equal("theme", (string)extension["type"]);
        Assert.Contains("\"target\": \"body\"", block, StringComparison.Ordinal);
        foreach (var asset in new[] { "upsell.js", "upsell-shopify.js", "upsell-embed.js" })
        {
            Assert.Contains($"'{asset}' | asset_url", block, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(Path.Combine(Folder, "extensions", "upsell-theme", "assets", "upsell-embed.js")));
        Assert.Equal(["upsell.js", "upsell-shopify.js"], File.ReadAllLines(Path.Combine(Folder, "extensions", "upsell-theme", "assets", ".gitignore")).Where(l => !l.StartsWith('#')));
    }

    [Fact]
    public void The_checkout_extension_serves_each_moment_at_its_target_and_may_call_the_API_and_Storefront_API()
    {
        var extension = (TomlTable)((TomlTableArray)Read(Path.Combine("extensions", "upsell-checkout", "shopify.extension.toml"))["extensions"])[0];
        var source = Path.Combine(Folder, "extensions", "upsell-checkout");
        var targets = ((TomlTableArray)extension["targeting"]).ToDictionary(t => (string)t["target"], t => (string)t["module"]);

        var moments = targets.ToDictionary(t => t.Key, t => MomentOf(File.ReadAllText(Path.Combine(source, t.Value))));

        Assert.Equal("ui_extension", (string)extension["type"]);
        Assert.Equal(new Dictionary<string, string>
        {
            ["purchase.checkout.cart-line-list.render-after"] = "cart InCheckout",
            ["purchase.checkout.contact.render-after"] = "form InCheckout",
            ["purchase.checkout.shipping-option-list.render-after"] = "shipping InCheckout",
            ["purchase.checkout.payment-method-list.render-after"] = "payment InCheckout",
            ["purchase.thank-you.block.render"] = "confirmation AfterOrder",
            ["customer-account.order-status.block.render"] = "confirmation AfterOrder",
        }, moments);
        Assert.All(moments.Values, m => Assert.True(Upsell.Domain.Wire.TryParse<Upsell.Domain.Offers.Moment>(m.Split(' ')[0], out _), m));
        var capabilities = (TomlTable)extension["capabilities"];
        Assert.True((bool)capabilities["network_access"]);
        Assert.True((bool)capabilities["api_access"]);
        var setting = (TomlTable)((TomlTableArray)((TomlTable)extension["settings"])["fields"])[0];
        Assert.Equal("api_base_url", (string)setting["key"]);
        Assert.Contains("api_base_url", File.ReadAllText(Path.Combine(source, "src", "offers.js")), StringComparison.Ordinal);
        Assert.Contains("/api/offers/${moment}", File.ReadAllText(Path.Combine(source, "src", "offers.js")), StringComparison.Ordinal);
        Assert.StartsWith("offers/", FunctionsMetadataTests.RouteOf("DecideOffers"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_discount_Function_reads_its_key_and_the_lines_price_grant_and_exports_its_target()
    {
        var extension = (TomlTable)((TomlTableArray)Read(Path.Combine("extensions", "upsell-offer-price", "shopify.extension.toml"))["extensions"])[0];
        var targeting = (TomlTable)((TomlTableArray)extension["targeting"])[0];
        var source = Path.Combine(Folder, "extensions", "upsell-offer-price");
        var query = File.ReadAllText(Path.Combine(source, (string)targeting["input_query"]));

        Assert.Equal("function", (string)extension["type"]);
        Assert.Equal("cart.lines.discounts.generate.run", (string)targeting["target"]);
        Assert.Equal("cart-lines-discounts-generate-run", (string)targeting["export"]);
        Assert.Contains("export function cartLinesDiscountsGenerateRun(", File.ReadAllText(Path.Combine(source, "src", "cart_lines_discounts_generate_run.js")), StringComparison.Ordinal);
        Assert.Contains("attribute(key: \"_upsell_price\")", query, StringComparison.Ordinal);
        Assert.Contains("metafield(namespace: \"$app:upsell\", key: \"price-key\")", query, StringComparison.Ordinal);
        Assert.Contains("\"_upsell_price\"", File.ReadAllText(Path.Combine(Folder, "extensions", "upsell-checkout", "src", "offers.js")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_post_purchase_extension_is_declared_and_calls_the_routes_the_functions_serve_at_the_apps_address()
    {
        var extension = Read(Path.Combine("extensions", "upsell-post-purchase", "shopify.extension.toml"));
        var source = File.ReadAllText(Path.Combine(Folder, "extensions", "upsell-post-purchase", "src", "index.js"));
        var config = File.ReadAllText(Path.Combine(Folder, "extensions", "upsell-post-purchase", "src", "config.js"));

        Assert.Equal("checkout_post_purchase", (string)extension["type"]);
        Assert.Contains($"/api/{FunctionsMetadataTests.RouteOf("PostPurchaseOffer")}`", source, StringComparison.Ordinal);
        Assert.Contains($"/api/{FunctionsMetadataTests.RouteOf("SignChangeset")}`", source, StringComparison.Ordinal);
        Assert.Contains($"\"{(string)Read("shopify.app.toml")["application_url"]}\"", config, StringComparison.Ordinal);
    }

    [Fact]
    public void The_README_names_every_extension_and_walks_from_deploy_to_the_first_order_without_pasting_into_the_theme()
    {
        var readme = File.ReadAllText(Path.Combine(Azurite.RepositoryRoot(), "README.md"));
        var connect = readme[readme.IndexOf("## Connect your shop", StringComparison.Ordinal)..];
        connect = connect[..(connect.IndexOf("\n## ", 3, StringComparison.Ordinal) is var end and > 0 ? end : connect.Length)];

        foreach (var handle in Directory.GetDirectories(Path.Combine(Folder, "extensions")).Select(Path.GetFileName))
        {
            Assert.Contains(handle!, connect, StringComparison.Ordinal);
        }

        Assert.Contains("shopify app deploy", connect, StringComparison.Ordinal);
        Assert.DoesNotContain("paste", connect, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("docs/screenshots/shopify-checkout.txt", readme, StringComparison.Ordinal);
        Assert.Contains("docs/screenshots/shopify-post-purchase.txt", readme, StringComparison.Ordinal);
        Assert.Contains("(docs/screenshots/shopify-checkout.png)", readme, StringComparison.Ordinal);
        Assert.Contains("(docs/screenshots/shopify-post-purchase.png)", readme, StringComparison.Ordinal);
    }

    // "renderInCheckout(shopify, "cart")" → "cart InCheckout".
    private static string MomentOf(string module) =>
        System.Text.RegularExpressions.Regex.Match(module, "render(InCheckout|AfterOrder)\\(shopify, \"([a-z-]+)\"\\)") is { Success: true } m ? $"{m.Groups[2].Value} {m.Groups[1].Value}" : "none";

    private static TomlTable Read(string name) => TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(Path.Combine(Folder, name)))!;

    private static List<string> Topics(List<TomlTable> subscriptions, string key) =>
        [.. subscriptions.Where(s => s.ContainsKey(key)).SelectMany(s => ((TomlArray)s[key]).Select(t => (string)t!))];
}
