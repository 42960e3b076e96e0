using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Upsell.Domain.Catalog;
using Upsell.Functions.Http;
using Upsell.Infrastructure.Catalog;

namespace Upsell.Functions.Catalog;

/// <summary>The merchant's offer catalog: <c>/api/manage/offers</c>, function-key protected.</summary>
public sealed class ManageOffersFunction(CatalogAdmin admin)
{
    private const string What = "offer";

    [Function(nameof(ListOffers))]
    public async Task<IActionResult> ListOffers(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/offers")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var offers = await admin.ListOffersAsync(cancellationToken).ConfigureAwait(false);
        return Responses.Json<IReadOnlyList<OfferDocument>>([.. offers.Select(o => o.Document)], ApiJson.Default.IReadOnlyListOfferDocument);
    }

    [Function(nameof(GetOffer))]
    public async Task<IActionResult> GetOffer(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/offers/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        AdminResponses.Found(request, await admin.GetOfferAsync(id, cancellationToken).ConfigureAwait(false), ApiJson.Default.OfferDocument, What);

    [Function(nameof(CreateOffer))]
    public async Task<IActionResult> CreateOffer(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/offers")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadAsync(request, ApiJson.Default.OfferDocument, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return Responses.Invalid([error]);
        }

        var result = await admin.SaveOfferAsync(document!, create: true, ifMatch: null, cancellationToken).ConfigureAwait(false);
        return AdminResponses.Saved(request, result, ApiJson.Default.OfferDocument, $"/api/manage/offers/{document!.Id}", What);
    }

    [Function(nameof(ReplaceOffer))]
    public async Task<IActionResult> ReplaceOffer(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "manage/offers/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadAsync(request, ApiJson.Default.OfferDocument, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return Responses.Invalid([error]);
        }

        if (document!.Id is not null && document.Id != id)
        {
            return Responses.Invalid("id", "must match the id in the URL");
        }

        var result = await admin.SaveOfferAsync(document with { Id = id }, create: false, AdminResponses.IfMatch(request), cancellationToken).ConfigureAwait(false);
        return AdminResponses.Saved(request, result, ApiJson.Default.OfferDocument, $"/api/manage/offers/{id}", What);
    }

    [Function(nameof(DeleteOffer))]
    public async Task<IActionResult> DeleteOffer(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "manage/offers/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        AdminResponses.Deleted(await admin.DeleteOfferAsync(id, AdminResponses.IfMatch(request), cancellationToken).ConfigureAwait(false), What);
}
