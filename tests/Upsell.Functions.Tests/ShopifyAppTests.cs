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
        Assert.Equal(["read_orders", "read_products"], ((string)((TomlTable)app["access_scopes"])["scopes"]).Split(','));
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

    private static TomlTable Read(string name) => TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(Path.Combine(Folder, name)))!;

    private static List<string> Topics(List<TomlTable> subscriptions, string key) =>
        [.. subscriptions.Where(s => s.ContainsKey(key)).SelectMany(s => ((TomlArray)s[key]).Select(t => (string)t!))];
}
