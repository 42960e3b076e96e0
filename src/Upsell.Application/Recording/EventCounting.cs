using Upsell.Domain.Outcomes;
using Upsell.Domain.Tokens;
using Upsell.Infrastructure.Outcomes;

namespace Upsell.Application.Recording;

/// <summary>
/// How a storefront event counts, the rule that makes a scripted result hard to count:
/// <list type="bullet">
/// <item>a decision token counts at most one impression, click, accept, decline and dismiss, however many event ids
/// arrive for it (each counts under "{decision}:{offer}:{type}", whose marker a second one finds);</item>
/// <item>an accept or click counts only once its visitor was shown the offer in the group: before that it is held, as
/// orders are, and an early accept is noted for traffic quality;</item>
/// <item>an accept or click sooner than <c>minDelay</c> after the decision was issued (by the server's clocks) does
/// not count: an accept is noted as hasty, spending the token's accept;</item>
/// <item>every event id, counted or not, is noted as received, and an impression's or accept's network
/// (<see cref="AddressBucket"/>) once per group, for traffic quality.</item>
/// </list>
/// An impression also counts in offer coverage and, in an experiment before the order, in the arm's checkout
/// completion; its cart value is capped by the revenue cap orders count under.
/// </summary>
public sealed class EventCounting(DateOnly day, DateTimeOffset receivedAt, long revenueCap, TimeSpan minDelay)
{
    /// <summary>Where one event counts.</summary>
    public IEnumerable<Counted> CountsOf(string eventId, OutcomeType type, DateTimeOffset at, DecisionToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var once = $"{token.CountKey}:{Domain.Wire.Name(type)}";
        var hasty = IsHasty(type, token);
        // Received counts in the offer group only (the first name OfOffers gives), not again in the segment.
        var counted = Attribution.OfOffers([(token, 0)], eventId, OutcomeType.Received, day, at, receivedAt, revenueCap).Take(1);
        if (hasty)
        {
            return type == OutcomeType.Accept
                ? counted.Concat(Attribution.OfOffers([(token, 0)], once, OutcomeType.HastyAccept, day, at, receivedAt, revenueCap)).Concat(Networks(token, once, at, accepting: true))
                : counted;
        }

        counted = counted.Concat(Attribution.OfOffers([(token, 0)], once, type, day, at, receivedAt, revenueCap, exposedOnly: type is OutcomeType.Accept or OutcomeType.Click));
        return type switch
        {
            OutcomeType.Impression => counted
                .Concat(Attribution.OfShown(token, once, day, at, receivedAt))
                .Concat(Attribution.OfCompletionExposure(token, once, day, at, receivedAt))
                .Concat(Networks(token, once, at, accepting: false)),
            OutcomeType.Accept => counted.Concat(Networks(token, once, at, accepting: true)),
            _ => counted,
        };
    }

    /// <summary>Whether an accept or click came sooner after its decision than a shopper reads the offer.</summary>
    public bool IsHasty(OutcomeType type, DecisionToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return type is OutcomeType.Accept or OutcomeType.Click && receivedAt - token.IssuedAt < minDelay;
    }

    // The token's network, counted once in the group as if it were a visitor.
    private IEnumerable<Counted> Networks(DecisionToken token, string id, DateTimeOffset at, bool accepting)
    {
        if (token.AddressBucket is not { } bucket)
        {
            yield break;
        }

        var group = StatsGroup.Of(token).Name;
        var outcome = new Outcome(id, OutcomeType.Exposure, StatsKeys.NetworkVisitor(bucket), day);
        yield return new Counted(null, accepting ? StatsKeys.AcceptingNetworks(group) : StatsKeys.Networks(group),
            new StatsRecord(outcome, token.DecisionId, token.SessionId, at, receivedAt));
    }
}
