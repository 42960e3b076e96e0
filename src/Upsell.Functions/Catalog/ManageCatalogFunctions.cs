using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Upsell.Application.Catalog;
using Upsell.Domain.Catalog;
using Upsell.Functions.Http;

namespace Upsell.Functions.Catalog;

/// <summary>
/// The merchant's catalog: offers at <c>/api/manage/offers</c> and experiments at <c>/api/manage/experiments</c>,
/// function-key protected, both in the one shape of <see cref="CatalogRoutes{T}"/>.
/// </summary>
public sealed class ManageCatalogFunctions(CatalogAdmin admin)
{
    private readonly CatalogRoutes<OfferDocument> _offers = new(
        "offer", "id", "/api/manage/offers", ApiJson.Default.OfferDocument, ApiJson.Default.IReadOnlyListOfferDocument,
        d => d.Id, (d, id) => d with { Id = id },
        admin.ListOffersAsync, admin.GetOfferAsync, admin.SaveOfferAsync, admin.DeleteOfferAsync);

    private readonly CatalogRoutes<ExperimentDocument> _experiments = new(
        "experiment", "key", "/api/manage/experiments", ApiJson.Default.ExperimentDocument, ApiJson.Default.IReadOnlyListExperimentDocument,
        d => d.Key, (d, key) => d with { Key = key },
        admin.ListExperimentsAsync, admin.GetExperimentAsync, admin.SaveExperimentAsync, admin.DeleteExperimentAsync);

    [Function(nameof(ListOffers))]
    public Task<IActionResult> ListOffers([HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/offers")] HttpRequest request, CancellationToken cancellationToken) =>
        _offers.ListAsync(cancellationToken);

    [Function(nameof(ListExperiments))]
    public Task<IActionResult> ListExperiments([HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/experiments")] HttpRequest request, CancellationToken cancellationToken) =>
        _experiments.ListAsync(cancellationToken);

    [Function(nameof(CreateOffer))]
    public Task<IActionResult> CreateOffer([HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/offers")] HttpRequest request, CancellationToken cancellationToken) =>
        _offers.CreateAsync(request, cancellationToken);

    [Function(nameof(CreateExperiment))]
    public Task<IActionResult> CreateExperiment([HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/experiments")] HttpRequest request, CancellationToken cancellationToken) =>
        _experiments.CreateAsync(request, cancellationToken);

    [Function(nameof(GetOffer))]
    public Task<IActionResult> GetOffer([HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/offers/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        _offers.GetAsync(request, id, cancellationToken);

    [Function(nameof(GetExperiment))]
    public Task<IActionResult> GetExperiment([HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/experiments/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        _experiments.GetAsync(request, id, cancellationToken);

    [Function(nameof(ReplaceOffer))]
    public Task<IActionResult> ReplaceOffer([HttpTrigger(AuthorizationLevel.Function, "put", Route = "manage/offers/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        _offers.ReplaceAsync(request, id, cancellationToken);

    [Function(nameof(ReplaceExperiment))]
    public Task<IActionResult> ReplaceExperiment([HttpTrigger(AuthorizationLevel.Function, "put", Route = "manage/experiments/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        _experiments.ReplaceAsync(request, id, cancellationToken);

    [Function(nameof(DeleteOffer))]
    public Task<IActionResult> DeleteOffer([HttpTrigger(AuthorizationLevel.Function, "delete", Route = "manage/offers/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        _offers.DeleteAsync(request, id, cancellationToken);

    [Function(nameof(DeleteExperiment))]
    public Task<IActionResult> DeleteExperiment([HttpTrigger(AuthorizationLevel.Function, "delete", Route = "manage/experiments/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        _experiments.DeleteAsync(request, id, cancellationToken);
}
