using Upsell.Domain;
using Upsell.Domain.Decisions;

namespace Upsell.Application.Offers;

/// <summary>
/// The explain route's answer (<see cref="Explanation"/>): the reason code the offer routes send in
/// <c>X-Upsell-Reason</c>, what it means, and every catalog offer with what happened to it and why.
/// </summary>
public sealed record DecisionExplanation(string Moment, string Reason, string Text, IReadOnlyList<ExplainedOffer> Offers)
{
    public static DecisionExplanation Of(Domain.Offers.Moment moment, Explanation explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        return new(Wire.Name(moment), Wire.Name(explanation.Outcome), explanation.Text, [.. explanation.Offers.Select(o =>
            new ExplainedOffer(o.OfferId, o.Variant, o.ShownInstead, Wire.Name(o.Verdict), o.Rule is { } rule ? Wire.Name(rule) : null, o.Text))]);
    }
}

/// <summary>One offer: "shown", "ranked-lower", "ruled-out" (with the rule) or "not-considered", in words beside.</summary>
public sealed record ExplainedOffer(string OfferId, string? Variant, string? ShownInstead, string Verdict, string? Rule, string Text);
