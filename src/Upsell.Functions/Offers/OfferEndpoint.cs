using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Upsell.Application.Offers;
using Upsell.Domain.Offers;
using Upsell.Functions.Http;

namespace Upsell.Functions.Offers;

/// <summary>What the offer functions do once they know the moment: read, validate, decide, answer.</summary>
public static class OfferEndpoint
{
    /// <summary>The header that says why an answer shows what it shows (<see cref="Domain.Decisions.DecisionOutcome"/>'s wire names).</summary>
    public const string ReasonHeader = "X-Upsell-Reason";

    public static async Task<IActionResult> DecideAsync(
        HttpRequest request, Moment moment, OfferDecisionService decisions, Infrastructure.Traffic.AddressBuckets buckets, Infrastructure.Shops.ShopifySessionTokens sessions, Infrastructure.Shops.ShopifyPriceGrants grants, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(buckets);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(grants);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        // A storefront asks anonymously; Shopify's checkout extensions send their session token, which must hold.
        var authorization = request.Headers.Authorization.ToString();
        var fromShopify = authorization.Length > 0;
        if (fromShopify)
        {
            var (token, notBearer) = Infrastructure.Shops.ShopifyJwt.Bearer(authorization);
            var (session, refused) = token is null ? (null, notBearer) : await sessions.ValidateAsync(token).ConfigureAwait(false);
            if (session is null)
            {
                return Responses.Problem(StatusCodes.Status401Unauthorized, "The Shopify session token is refused", [new("Authorization", refused!)]);
            }
        }
        var (shopper, problem) = await ReadShopperAsync(request, moment, cancellationToken).ConfigureAwait(false);
        if (shopper is null)
        {
            return problem!;
        }

        var result = await decisions.DecideAsync(shopper, buckets.Of(ClientAddress.Of(request, buckets.ForwardedHops)), cancellationToken).ConfigureAwait(false);
        // Why, on every answer: a 204 for the holdout looks like one for the session cap, and the storefront ignores it.
        request.HttpContext.Response.Headers[ReasonHeader] = Domain.Wire.Name(result.Outcome);
        request.HttpContext.Response.Headers.AccessControlExposeHeaders = ReasonHeader;
        if (result.Answer is not { } answer)
        {
            return new NoContentResult();
        }

        // Inside Shopify's checkout an offer below the product's own price needs the discount Function's signed price.
        var granted = fromShopify
            ? answer with { Offers = [.. answer.Offers.Select(o => o with { PriceGrant = grants.For(o.ExternalId, Money(o.Price)!.Value, Money(o.CompareAtPrice)) })] }
            : answer;
        return Responses.Json(granted, ApiJson.Default.OfferAnswer);
    }

    private static Domain.Money.Money? Money(PriceAnswer? price) => price is null ? null : new(price.Amount, price.Currency);

    /// <summary>The shopper an offer request describes at a moment, or the 400 that names what is wrong.</summary>
    public static async Task<(Domain.Offers.ShopperContext? Shopper, IActionResult? Problem)> ReadShopperAsync(HttpRequest request, Moment moment, CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBody.ReadAsync(request, ApiJson.Default.OfferRequest, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return (null, Responses.Invalid([error]));
        }

        var (shopper, errors) = OfferRequestValidator.Validate(body!, moment);
        return shopper is null ? (null, Responses.Invalid(errors)) : (shopper, null);
    }
}
