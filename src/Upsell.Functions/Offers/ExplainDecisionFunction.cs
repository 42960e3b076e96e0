using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Upsell.Application.Offers;
using Upsell.Domain;
using Upsell.Domain.Offers;
using Upsell.Functions.Http;

namespace Upsell.Functions.Offers;

/// <summary>
/// <c>POST /api/manage/explain/{moment}</c>, function-key protected: for the body an offer route takes (a cart and a
/// visitor), why the shopper would be shown what they would be now, and each catalog offer with the rule that kept
/// or dropped it. It writes nothing, so a merchant can ask as often as they like.
/// </summary>
public sealed class ExplainDecisionFunction(OfferDecisionService decisions)
{
    [Function(nameof(ExplainDecision))]
    public async Task<IActionResult> ExplainDecision(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/explain/{moment}")] HttpRequest request,
        string moment,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Wire.TryParse<Moment>(moment, out var parsed))
        {
            return Responses.Invalid("moment", $"must be one of {string.Join(", ", Wire.All<Moment>())}");
        }

        var (shopper, problem) = await OfferEndpoint.ReadShopperAsync(request, parsed, cancellationToken).ConfigureAwait(false);
        return shopper is null
            ? problem!
            : Responses.Json(await decisions.ExplainAsync(shopper, cancellationToken).ConfigureAwait(false), ApiJson.Default.DecisionExplanation);
    }
}
