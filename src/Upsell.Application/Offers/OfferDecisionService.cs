using Microsoft.Extensions.Logging;
using Upsell.Domain;
using Upsell.Domain.Decisions;
using Upsell.Domain.Offers;
using Upsell.Domain.Orders;
using Upsell.Domain.Outcomes;
using Upsell.Domain.Tokens;
using Upsell.Infrastructure.Catalog;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Queues;
using Upsell.Infrastructure.Shoppers;
using Upsell.Infrastructure.Telemetry;

namespace Upsell.Application.Offers;

/// <summary>
/// Answers a storefront's request: the in-memory catalog and the shopper's stored history go into the engine;
/// a prompt is recorded on the session with optimistic concurrency, so two tabs cannot both pass the cap, and a
/// visitor's first experiment arm is kept with it in the same batch, so two tabs cannot see different arms. Every
/// request is queued as an exposure of the visitor's arm (held out or treated) for the holdout view. Storage: one
/// query and one batch write of the visitor's partition, and one queue message.
/// </summary>
public sealed partial class OfferDecisionService(
    CatalogSnapshotProvider catalog,
    Infrastructure.Affinity.AffinitySnapshotProvider affinity,
    ShopperStateStore shoppers,
    UpsellQueues queues,
    OfferEngine engine,
    DecisionTokenSigner signer,
    TimeProvider time,
    UpsellMetrics metrics,
    ILogger<OfferDecisionService> logger)
{
    private const int MaxAttempts = 5;

    /// <summary>
    /// Why the shopper is shown what they are, and the offers, or none. <paramref name="addressBucket"/> is the request's network, hashed
    /// (<see cref="AddressBucket"/>); it travels signed in each token, for traffic quality.
    /// </summary>
    public async Task<OfferResult> DecideAsync(ShopperContext shopper, string? addressBucket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shopper);
        var heldOut = engine.IsHeldOut(shopper.VisitorId);
        var exposure = queues.SendExposureAsync(
            new QueuedExposure(shopper.VisitorId, shopper.SessionId, Wire.Name(shopper.Moment), heldOut, time.GetUtcNow(), engine.HoldoutPhase), cancellationToken);
        if (heldOut)
        {
            metrics.Decided(shopper.Moment, DecisionOutcome.Holdout);
        }

        var result = heldOut ? new OfferResult(DecisionOutcome.Holdout, null) : await DecideTreatedAsync(shopper, addressBucket, cancellationToken).ConfigureAwait(false);
        await exposure.ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Why this shopper would be shown what they would be now (<see cref="Explanation"/>): the same catalog, state
    /// and rules as <see cref="DecideAsync"/>, and nothing written, queued or counted.
    /// </summary>
    public async Task<DecisionExplanation> ExplainAsync(ShopperContext shopper, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shopper);
        var snapshot = await catalog.GetAsync(cancellationToken).ConfigureAwait(false);
        var state = await shoppers.LoadAsync(shopper.VisitorId, shopper.SessionId, cancellationToken).ConfigureAwait(false);
        return DecisionExplanation.Of(shopper.Moment, Explanation.Of(engine, snapshot, shopper, state.History, time.GetUtcNow(), affinity.Current));
    }

    private async Task<OfferResult> DecideTreatedAsync(ShopperContext shopper, string? addressBucket, CancellationToken cancellationToken)
    {
        var snapshot = await catalog.GetAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var state = await shoppers.LoadAsync(shopper.VisitorId, shopper.SessionId, cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            var decision = engine.Decide(snapshot, shopper, state.History, now, affinity.Current);
            LogDecided(shopper.Moment, decision.Outcome, decision.Choices.Count);
            metrics.Decided(shopper.Moment, decision.Outcome);
            if (!decision.HasOffers)
            {
                return new OfferResult(decision.Outcome, null);
            }

            // The prompt and a first arm are written together, only if nothing changed since the read; if another
            // request of this visitor wrote first, the next round reads what it wrote and decides again.
            if (await shoppers.TryRecordAsync(shopper.VisitorId, shopper.SessionId, shopper.Moment, decision.NewAssignment, state, now, cancellationToken).ConfigureAwait(false))
            {
                return new OfferResult(decision.Outcome, Answer(shopper, decision, now, addressBucket));
            }
        }

        // Requests of one session kept racing; showing nothing is the safe side of the cap.
        LogContended(shopper.Moment);
        metrics.Decided(shopper.Moment, DecisionOutcome.Contended);
        return new OfferResult(DecisionOutcome.Contended, null);
    }

    private OfferAnswer Answer(ShopperContext shopper, Decision decision, DateTimeOffset now, string? addressBucket)
    {
        var decisionId = Guid.CreateVersion7(now).ToString("N");
        // What the cart was worth before the offer, and the shopper's earlier orders: the covariates that narrow revenue's interval (Cuped).
        var cartValue = shopper.Cart.Count > 0 ? CartFacts.Of(shopper.Cart).Value : (long?)null;
        var offers = decision.Choices.Select(choice =>
        {
            var offer = choice.Offer;
            var copy = offer.CopyFor(shopper.Locale);
            var token = signer.Sign(new DecisionToken(decisionId, offer.Id, choice.ExperimentKey, choice.ExperimentPhase, choice.VariantKey, shopper.Moment, shopper.VisitorId, shopper.SessionId, now,
                Segment.Of(shopper).ToString(), cartValue, OfferedProduct.Mark(offer.Sku, offer.ExternalId), addressBucket, shopper.OrderCount));
            var saving = offer.Saving;
            return new ShownOffer(
                offer.Id,
                Wire.Name(offer.Kind),
                offer.Sku,
                offer.ExternalId,
                copy.Headline,
                copy.Body,
                copy.CallToAction,
                copy.DeclineText,
                offer.ImageUrl,
                PriceAnswer.Of(offer.Price, shopper.Locale),
                saving is null ? null : PriceAnswer.Of(offer.CompareAtPrice!.Value, shopper.Locale),
                saving is null ? null : PriceAnswer.Of(saving.Value, shopper.Locale),
                choice.ExperimentKey,
                choice.VariantKey,
                token);
        }).ToList();
        return new OfferAnswer(decisionId, Wire.Name(shopper.Moment), offers);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Decision at {Moment}: {Outcome} with {Count} offers")]
    private partial void LogDecided(Moment moment, DecisionOutcome outcome, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Decision at {Moment} gave up after concurrent writes to the same session")]
    private partial void LogContended(Moment moment);
}
