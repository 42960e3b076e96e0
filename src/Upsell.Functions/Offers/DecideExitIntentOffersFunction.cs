using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Upsell.Application.Offers;
using Upsell.Domain.Offers;

namespace Upsell.Functions.Offers;

/// <summary><c>POST /api/offers/exit-intent</c>: at most one exit-intent offer per session, needing a cart and a signal.</summary>
public sealed class DecideExitIntentOffersFunction(OfferDecisionService decisions, Infrastructure.Traffic.AddressBuckets buckets, Infrastructure.Shops.ShopifySessionTokens sessions, Infrastructure.Shops.ShopifyPriceGrants grants)
{
    public const string Route = "offers/exit-intent";

    [Function(nameof(DecideExitIntentOffers))]
    public Task<IActionResult> DecideExitIntentOffers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request,
        CancellationToken cancellationToken) =>
        OfferEndpoint.DecideAsync(request, Moment.ExitIntent, decisions, buckets, sessions, grants, cancellationToken);
}
