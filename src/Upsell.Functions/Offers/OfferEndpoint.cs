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
        HttpRequest request, Moment moment, OfferDecisionService decisions, Infrastructure.Traffic.AddressBuckets buckets, Infrastructure.Shops.ShopifySessionTokens sessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(buckets);
        ArgumentNullException.ThrowIfNull(sessions);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        // A storefront asks anonymously; Shopify's checkout extensions send their session token, which must hold.
        if (request.Headers.Authorization.ToString() is { Length: > 0 } authorization)
        {
            var token = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..].Trim() : string.Empty;
            var (session, refused) = token.Length == 0 ? (null, "the Authorization header is not a bearer token") : await sessions.ValidateAsync(token).ConfigureAwait(false);
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
        return result.Answer is null ? new NoContentResult() : Responses.Json(result.Answer, ApiJson.Default.OfferAnswer);
    }

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
