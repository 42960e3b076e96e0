using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Upsell.Application.Catalog;
using Upsell.Functions.Http;

namespace Upsell.Functions.Catalog;

/// <summary>
/// <c>GET /api/manage/products?q=</c>, function-key protected: up to 20 products of the connected shop matching the
/// text, for the offer editor to fill an offer's SKU, platform id, image and price from. <c>platform</c> is null when
/// no shop is connected; <c>problem</c> says why the shop gave nothing (a bad token, a timeout), in words to show.
/// </summary>
public sealed class FindProductsFunction(ProductFinder finder)
{
    [Function(nameof(FindProducts))]
    public async Task<IActionResult> FindProducts(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/products")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = request.Query["q"].ToString();
        if (text.Length > ProductFinder.MaxText)
        {
            return Responses.Invalid("q", $"must be at most {ProductFinder.MaxText} characters");
        }

        return Responses.Json(await finder.FindAsync(text, cancellationToken).ConfigureAwait(false), ApiJson.Default.ProductSearch);
    }
}
