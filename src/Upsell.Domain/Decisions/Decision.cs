namespace Upsell.Domain.Decisions;

/// <summary>The answer to "what, if anything, should this shopper be offered right now?"</summary>
public sealed record Decision(DecisionOutcome Outcome, IReadOnlyList<OfferChoice> Choices)
{
    /// <summary>A decision that shows nothing, for a reason.</summary>
    public static Decision Nothing(DecisionOutcome outcome) => new(outcome, []);

    /// <summary>Whether anything is shown.</summary>
    public bool HasOffers => Choices.Count > 0;
}
