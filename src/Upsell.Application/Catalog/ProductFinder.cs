using Microsoft.Extensions.Options;
using Upsell.Infrastructure.Connectors;
using Upsell.Infrastructure.Shops;

namespace Upsell.Application.Catalog;

/// <summary>
/// Finds products in the connected shop for the console's offer editor: Shopify when its Admin API token is set,
/// else WooCommerce when its REST keys are, else none (the editor's fields are typed by hand). A shop that fails or
/// does not answer in time is a problem to show, never an error of the console.
/// </summary>
public sealed class ProductFinder(ShopifyProducts shopify, WooCommerceProducts wooCommerce, IOptions<ShopifyOptions> shopifyOptions, IOptions<WooCommerceOptions> wooOptions)
{
    /// <summary>The longest search text sent to a shop.</summary>
    public const int MaxText = 100;

    public async Task<ProductSearch> FindAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var platform = shopifyOptions.Value.CanSearchProducts ? "shopify" : wooOptions.Value.CanSearchProducts ? "woocommerce" : null;
        try
        {
            return platform switch
            {
                "shopify" => await shopify.SearchAsync(text.Trim(), cancellationToken).ConfigureAwait(false),
                "woocommerce" => await wooCommerce.SearchAsync(text.Trim(), cancellationToken).ConfigureAwait(false),
                _ => ProductSearch.NotConnected,
            };
        }
        catch (HttpRequestException e)
        {
            return new ProductSearch(platform, [], $"The shop could not be reached ({e.HttpRequestError}).");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProductSearch(platform, [], $"The shop did not answer within {ShopHttp.Timeout.TotalSeconds:0} seconds.");
        }
        catch (System.Text.Json.JsonException)
        {
            return new ProductSearch(platform, [], "The shop answered something that is not its product list.");
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return new ProductSearch(platform, [], "The shop answered something that is not its product list.");
        }
    }
}
