using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Upsell.Application.Affinity;
using Upsell.Domain.Affinity;
using Upsell.Domain.Validation;
using Upsell.Functions.Http;
using Upsell.Infrastructure.Affinity;

namespace Upsell.Functions.Affinity;

/// <summary>
/// What the shop's orders taught: every 15 minutes by default (<c>Upsell:Affinity:Schedule</c>) the neighbour lists
/// are rebuilt from the co-purchase counts, and <c>GET /api/manage/affinity/{sku}</c> (function key) shows a SKU's
/// neighbours with the counts and scores behind them, so a merchant can see why an offer was chosen.
/// </summary>
public sealed class AffinityFunctions(AffinityBuilder builder, NeighbourStore store)
{
    [Function(nameof(RefreshAffinity))]
    public Task RefreshAffinity([TimerTrigger("%Upsell:Affinity:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        builder.RefreshAsync(cancellationToken);

    [Function(nameof(GetAffinity))]
    public async Task<IActionResult> GetAffinity(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/affinity/{sku}")] HttpRequest request,
        string sku,
        CancellationToken cancellationToken)
    {
        if (!Fields.IsName(sku))
        {
            return Responses.Invalid("sku", Fields.NameRule);
        }

        var list = await store.GetAsync(sku, cancellationToken).ConfigureAwait(false);
        var answer = new AffinityAnswer(
            sku,
            list?.Orders ?? 0,
            list?.TotalOrders ?? 0,
            list?.ComputedAt,
            AffinityAnswer.MeasureText,
            [.. (list?.Neighbours ?? []).Select(n => new NeighbourAnswer(n.Sku, n.Score, n.Together, n.Orders, AffinityScore.Lift(n.Together, list!.Orders, n.Orders, list.TotalOrders)))]);
        return Responses.Json(answer, ApiJson.Default.AffinityAnswer);
    }
}
