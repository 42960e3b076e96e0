using Upsell.Domain;
using Upsell.Domain.Offers;
using Upsell.Domain.Outcomes;
using Upsell.Domain.Tokens;
using Upsell.Infrastructure.Outcomes;

namespace Upsell.Application.Recording;

/// <summary>Where an order's (or a refund's) revenue counts: the accepted offers' groups and segments, and the holdout view.</summary>
public static class Attribution
{
    /// <summary>
    /// One outcome per counted name for the upsell lines: lines of one offer group add up, so an order counts once
    /// there. <paramref name="id"/> is the order id, or "{order}:{refund}" for a refund, or what makes an event count
    /// once (<see cref="EventCounting"/>). An impression carries the cart's value its token vouches for, capped at
    /// <paramref name="cap"/> like revenue, and the shopper's earlier orders; with <paramref name="exposedOnly"/> it waits for the visitor's exposure.
    /// </summary>
    public static IEnumerable<Counted> OfOffers(
        IEnumerable<(DecisionToken Token, long Revenue)> upsells, string id, OutcomeType type, DateOnly day, DateTimeOffset at, DateTimeOffset receivedAt, long cap, bool exposedOnly = false)
    {
        return upsells
            .SelectMany(u => NamesOf(u.Token).Select(n => (n.Scope, n.Name, u.Token, u.Revenue)))
            .GroupBy(u => u.Name, StringComparer.Ordinal)
            .Select(g =>
            {
                var first = g.First();
                var outcome = new Outcome(id, type, first.Token.VisitorId, day, g.Sum(u => u.Revenue), cap, exposedOnly,
                    Covariate: type == OutcomeType.Impression ? first.Token.CartValueMinor : null,
                    EarlierOrders: type == OutcomeType.Impression ? first.Token.EarlierOrders : null);
                return new Counted(first.Scope, g.Key, new StatsRecord(outcome, first.Token.DecisionId, first.Token.SessionId, at, receivedAt));
            });
    }

    /// <summary>
    /// The order's whole value (or the refund's) in the visitor's arm of the holdout view, at every moment and across
    /// all: it counts only where the visitor was exposed.
    /// </summary>
    public static IEnumerable<Counted> OfProgramme(string phase, bool heldOut, string visitorId, string id, OutcomeType type, long value, DateOnly day, DateTimeOffset at, DateTimeOffset receivedAt, long cap) =>
        Wire.All<Moment>().Append(StatsKeys.AllMoments).Select(scope => new Counted(
            null,
            StatsKeys.Programme(phase, heldOut, scope),
            new StatsRecord(new Outcome(id, type, visitorId, day, value, cap, ExposedOnly: true), string.Empty, string.Empty, at, receivedAt)));

    /// <summary>
    /// An impression in an experiment arm at a moment before the order exposes the visitor in the arm's checkout
    /// completion (<see cref="Domain.Statistics.CheckoutGuardrail"/>); nothing elsewhere.
    /// </summary>
    public static IEnumerable<Counted> OfCompletionExposure(DecisionToken token, string id, DateOnly day, DateTimeOffset at, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token is { ExperimentKey: { } key, ExperimentPhase: { } phase, VariantKey: { } variant } && Domain.Statistics.CheckoutGuardrail.Applies(token.Moment))
        {
            yield return new Counted(null, StatsKeys.Completion(key, phase, variant),
                new StatsRecord(new Outcome(id, OutcomeType.Exposure, token.VisitorId, day), token.DecisionId, token.SessionId, at, receivedAt));
        }
    }

    /// <summary>
    /// An order completes the checkout of its visitor in every arm they were given: it counts once per visitor (a 1,
    /// capped at 1) and only where they were shown the arm.
    /// </summary>
    public static IEnumerable<Counted> OfCompletion(IEnumerable<Domain.Experiments.StickyAssignment> arms, string visitorId, string orderId, DateOnly day, DateTimeOffset at, DateTimeOffset receivedAt) =>
        arms.Select(a => new Counted(null, StatsKeys.Completion(a.ExperimentKey, a.Phase, a.VariantKey),
            new StatsRecord(new Outcome(orderId, OutcomeType.Order, visitorId, day, 1, 1, ExposedOnly: true), string.Empty, string.Empty, at, receivedAt)));

    /// <summary>An impression shows its visitor an offer at its moment and at all moments, for offer coverage.</summary>
    public static IEnumerable<Counted> OfShown(DecisionToken token, string id, DateOnly day, DateTimeOffset at, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(token);
        var record = new StatsRecord(new Outcome(id, OutcomeType.Exposure, token.VisitorId, day), token.DecisionId, token.SessionId, at, receivedAt);
        yield return new Counted(null, StatsKeys.Shown(Wire.Name(token.Moment)), record);
        yield return new Counted(null, StatsKeys.Shown(StatsKeys.AllMoments), record);
    }

    /// <summary>
    /// An order counts once among all orders and, when it names its visitor, once at every moment (and across all)
    /// where that visitor was shown an offer: offer coverage.
    /// </summary>
    public static IEnumerable<Counted> OfCoverage(string? visitorId, string orderId, DateOnly day, DateTimeOffset at, DateTimeOffset receivedAt)
    {
        yield return new Counted(null, StatsKeys.AllOrders, new StatsRecord(new Outcome(orderId, OutcomeType.Order, visitorId ?? orderId, day, 1, 1), string.Empty, string.Empty, at, receivedAt));
        if (visitorId is null)
        {
            yield break;
        }

        foreach (var scope in Wire.All<Moment>().Append(StatsKeys.AllMoments))
        {
            yield return new Counted(null, StatsKeys.Shown(scope),
                new StatsRecord(new Outcome(orderId, OutcomeType.Order, visitorId, day, 1, 1, ExposedOnly: true), string.Empty, string.Empty, at, receivedAt));
        }
    }

    private static IEnumerable<(string? Scope, string Name)> NamesOf(DecisionToken token)
    {
        var group = StatsGroup.Of(token);
        yield return (group.ExperimentKey is { } key ? StatsKeys.ExperimentScope(key, group.ExperimentPhase!.Value) : null, group.Name);
        if (Segment.TryParse(token.Segment, out var segment))
        {
            yield return (StatsKeys.SegmentScope(token.Moment), StatsKeys.OfSegment(token.Moment, segment));
        }
    }
}
