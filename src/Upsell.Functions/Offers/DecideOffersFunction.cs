using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Upsell.Application.Offers;
using Upsell.Domain;
using Upsell.Domain.Offers;
using Upsell.Functions.Http;

namespace Upsell.Functions.Offers;

/// <summary><c>POST /api/offers/{moment}</c>: the offers for a checkout moment, or 204.</summary>
public sealed class DecideOffersFunction(OfferDecisionService decisions, Infrastructure.Traffic.AddressBuckets buckets, Infrastructure.Shops.ShopifySessionTokens sessions, Infrastructure.Shops.ShopifyPriceGrants grants)
{
    // The constraint keeps "exit-intent" for its own function: the host orders routes by function name, not by
    // how literal they are, so without it this route could swallow /offers/exit-intent.
    public const string Route = "offers/{moment:regex(^(?!exit-intent$).+$)}";

    [Function(nameof(DecideOffers))]
    public Task<IActionResult> DecideOffers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request,
        string moment,
        CancellationToken cancellationToken)
    {
        if (!Wire.TryParse<Moment>(moment, out var parsed))
        {
            return Task.FromResult<IActionResult>(Responses.Invalid("moment", $"must be one of {string.Join(", ", Wire.All<Moment>().Where(m => m != "exit-intent"))}"));
        }

        if (parsed == Moment.ExitIntent)
        {
            return Task.FromResult<IActionResult>(Responses.Invalid("moment", "exit intent has its own function: POST /api/offers/exit-intent"));
        }

        return OfferEndpoint.DecideAsync(request, parsed, decisions, buckets, sessions, grants, cancellationToken);
    }
}
