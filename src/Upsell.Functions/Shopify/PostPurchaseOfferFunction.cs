using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Upsell.Application.Shopify;
using Upsell.Functions.Http;
using Upsell.Infrastructure.Shops;
using Upsell.Infrastructure.Traffic;

namespace Upsell.Functions.Shopify;

/// <summary>
/// <c>POST /api/shopify/post-purchase/offer</c>: the one offer for Shopify's post-purchase page, or 204. The page's
/// token is the bearer; everything the offer depends on is read from it, so the body is ignored.
/// </summary>
public sealed class PostPurchaseOfferFunction(PostPurchaseOffers offers, ShopifyPostPurchaseTokens tokens, AddressBuckets buckets)
{
    [Function(nameof(PostPurchaseOffer))]
    public async Task<IActionResult> PostPurchaseOffer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "shopify/post-purchase/offer")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (purchase, refused) = await PostPurchaseAuthorization.PurchaseAsync(request, tokens).ConfigureAwait(false);
        if (purchase is null)
        {
            return refused!;
        }

        var offer = await offers.DecideAsync(purchase, buckets.Of(ClientAddress.Of(request, buckets.ForwardedHops)), cancellationToken).ConfigureAwait(false);
        return offer is null ? new NoContentResult() : Responses.Json(offer, ApiJson.Default.ShownOffer);
    }
}
