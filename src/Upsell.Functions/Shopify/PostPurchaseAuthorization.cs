using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Upsell.Domain.Validation;
using Upsell.Functions.Http;
using Upsell.Infrastructure.Shops;

namespace Upsell.Functions.Shopify;

/// <summary>The purchase a post-purchase request's bearer token (Shopify's <c>inputData.token</c>) vouches for, or the 401 that says why not.</summary>
public static class PostPurchaseAuthorization
{
    public static async Task<(ShopifyPurchase? Purchase, IActionResult? Refused)> PurchaseAsync(HttpRequest request, ShopifyPostPurchaseTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tokens);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        var (token, problem) = ShopifyJwt.Bearer(request.Headers.Authorization.ToString());
        var (purchase, refused) = token is null ? (null, problem) : await tokens.ValidateAsync(token).ConfigureAwait(false);
        return purchase is null
            ? (null, Responses.Problem(StatusCodes.Status401Unauthorized, "The Shopify post-purchase token is refused", [new FieldError("Authorization", refused!)]))
            : (purchase, null);
    }
}
