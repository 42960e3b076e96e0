using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Upsell.Application.Offers;
using Upsell.Domain.Offers;
using Upsell.Functions.Http;

namespace Upsell.Functions.Offers;

/// <summary>What both offer functions do once they know the moment: read, validate, decide, answer.</summary>
public static class OfferEndpoint
{
    public static async Task<IActionResult> DecideAsync(HttpRequest request, Moment moment, OfferDecisionService decisions, Infrastructure.Traffic.AddressBuckets buckets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(buckets);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        var (body, error) = await JsonBody.ReadAsync(request, ApiJson.Default.OfferRequest, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return Responses.Invalid([error]);
        }

        var (shopper, errors) = OfferRequestValidator.Validate(body!, moment);
        if (shopper is null)
        {
            return Responses.Invalid(errors);
        }

        var answer = await decisions.DecideAsync(shopper, buckets.Of(ClientAddress.Of(request, buckets.ForwardedHops)), cancellationToken).ConfigureAwait(false);
        return answer is null ? new NoContentResult() : Responses.Json(answer, ApiJson.Default.OfferAnswer);
    }
}
