using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Upsell.Application.Shopify;
using Upsell.Domain.Validation;
using Upsell.Functions.Http;
using Upsell.Infrastructure.Shops;

namespace Upsell.Functions.Shopify;

/// <summary>
/// <c>POST /api/shopify/post-purchase/changeset</c>: the signed changeset that adds the accepted offer to the paid
/// order. The page's token is the bearer; the body names the offer by its decision token, and a token that was not
/// decided for this order and shopper is refused (403), whatever else the body says.
/// </summary>
public sealed class SignChangesetFunction(PostPurchaseOffers offers, ShopifyPostPurchaseTokens tokens)
{
    [Function(nameof(SignChangeset))]
    public async Task<IActionResult> SignChangeset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "shopify/post-purchase/changeset")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (purchase, refused) = await PostPurchaseAuthorization.PurchaseAsync(request, tokens).ConfigureAwait(false);
        if (purchase is null)
        {
            return refused!;
        }

        var (body, error) = await JsonBody.ReadAsync(request, ApiJson.Default.ChangesetRequest, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return Responses.Invalid([error]);
        }

        var signed = await offers.SignAsync(purchase, body!.Token, cancellationToken).ConfigureAwait(false);
        return signed.Token is null
            ? Responses.Problem(StatusCodes.Status403Forbidden, "No changeset is signed for this offer", [new FieldError("token", signed.Refused!)])
            : Responses.Json(new ChangesetAnswer(signed.Token), ApiJson.Default.ChangesetAnswer);
    }
}
