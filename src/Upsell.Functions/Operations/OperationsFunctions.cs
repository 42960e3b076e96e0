using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Upsell.Application.Operations;
using Upsell.Functions.Http;

namespace Upsell.Functions.Operations;

/// <summary>The operator's endpoints under <c>/api/manage/operations</c>, function-key protected.</summary>
public sealed class OperationsFunctions(OperationsService operations)
{
    /// <summary>The most messages one replay call moves.</summary>
    public const int MaxReplay = 10_000;

    [Function(nameof(ShowOperations))]
    public async Task<IActionResult> ShowOperations(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/operations")] HttpRequest request,
        CancellationToken cancellationToken) =>
        Responses.Json(await operations.ReportAsync(cancellationToken).ConfigureAwait(false), ApiJson.Default.OperationsReport);

    /// <summary>Moves poison messages back to <c>{queue}</c> (events, orders, refunds or erasures): all, or <c>?max=N</c>.</summary>
    [Function(nameof(ReplayPoison))]
    public async Task<IActionResult> ReplayPoison(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/operations/replay/{queue}")] HttpRequest request,
        string queue,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var max = MaxReplay;
        if (request.Query["max"] is { Count: > 0 } text && (!int.TryParse(text.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out max) || max is < 1 or > MaxReplay))
        {
            return Responses.Invalid("max", $"must be a whole number from 1 to {MaxReplay}");
        }

        return await operations.ReplayAsync(queue ?? string.Empty, max, cancellationToken).ConfigureAwait(false) is { } result
            ? Responses.Json(result, ApiJson.Default.ReplayResult)
            : Responses.Problem(StatusCodes.Status404NotFound, "No such queue", [new("queue", $"must be one of {string.Join(", ", operations.QueueNames.Keys)}")]);
    }
}
