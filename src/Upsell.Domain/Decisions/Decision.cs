namespace Upsell.Domain.Decisions;

/// <summary>The answer to "what, if anything, should this shopper be offered right now?"</summary>
/// <param name="Outcome">Why it shows what it shows.</param>
/// <param name="Choices">The offers shown, best first.</param>
/// <param name="NewAssignment">An experiment arm shown to the visitor for the first time, to be stored so it is kept.</param>
public sealed record Decision(DecisionOutcome Outcome, IReadOnlyList<OfferChoice> Choices, Experiments.StickyAssignment? NewAssignment = null)
{
    /// <summary>A decision that shows nothing, for a reason.</summary>
    public static Decision Nothing(DecisionOutcome outcome) => new(outcome, []);

    /// <summary>Whether anything is shown.</summary>
    public bool HasOffers => Choices.Count > 0;
}
