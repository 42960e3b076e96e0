using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Upsell.Domain.Catalog;
using Upsell.Functions.Http;
using Upsell.Infrastructure.Catalog;

namespace Upsell.Functions.Catalog;

/// <summary>The merchant's experiments: <c>/api/manage/experiments</c>, function-key protected.</summary>
public sealed class ManageExperimentsFunction(CatalogAdmin admin)
{
    private const string What = "experiment";

    [Function(nameof(ListExperiments))]
    public async Task<IActionResult> ListExperiments(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/experiments")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var experiments = await admin.ListExperimentsAsync(cancellationToken).ConfigureAwait(false);
        return Responses.Json<IReadOnlyList<ExperimentDocument>>([.. experiments.Select(e => e.Document)], ApiJson.Default.IReadOnlyListExperimentDocument);
    }

    [Function(nameof(GetExperiment))]
    public async Task<IActionResult> GetExperiment(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/experiments/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        AdminResponses.Found(request, await admin.GetExperimentAsync(id, cancellationToken).ConfigureAwait(false), ApiJson.Default.ExperimentDocument, What);

    [Function(nameof(CreateExperiment))]
    public async Task<IActionResult> CreateExperiment(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/experiments")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadAsync(request, ApiJson.Default.ExperimentDocument, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return Responses.Invalid([error]);
        }

        var result = await admin.SaveExperimentAsync(document!, create: true, ifMatch: null, cancellationToken).ConfigureAwait(false);
        return AdminResponses.Saved(request, result, ApiJson.Default.ExperimentDocument, $"/api/manage/experiments/{document!.Key}", What);
    }

    [Function(nameof(ReplaceExperiment))]
    public async Task<IActionResult> ReplaceExperiment(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "manage/experiments/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadAsync(request, ApiJson.Default.ExperimentDocument, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return Responses.Invalid([error]);
        }

        if (document!.Key is not null && document.Key != id)
        {
            return Responses.Invalid("key", "must match the key in the URL");
        }

        var result = await admin.SaveExperimentAsync(document with { Key = id }, create: false, AdminResponses.IfMatch(request), cancellationToken).ConfigureAwait(false);
        return AdminResponses.Saved(request, result, ApiJson.Default.ExperimentDocument, $"/api/manage/experiments/{id}", What);
    }

    [Function(nameof(DeleteExperiment))]
    public async Task<IActionResult> DeleteExperiment(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "manage/experiments/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        AdminResponses.Deleted(await admin.DeleteExperimentAsync(id, AdminResponses.IfMatch(request), cancellationToken).ConfigureAwait(false), What);
}
