using Upsell.Domain.Affinity;
using Upsell.Domain.Experiments;
using Upsell.Domain.Offers;

namespace Upsell.Domain.Decisions;

/// <summary>
/// Decides what, if anything, a shopper is offered right now: <see cref="Suppression"/> first (opt-out, holdout,
/// exit-intent rules, session cap), then <see cref="Eligibility"/> offers in <see cref="RankOrder"/>, with the
/// moment's experiment variant applied to its subject offer: the visitor's kept arm, or the hash's when they have none
/// yet (<see cref="StickyAssignment"/>); outside the experiment's coverage the subject offer is shown unchanged. With
/// learned ranking (the moment's setting, or the visitor's arm), eligible offers the shop's orders say go with the
/// cart come first, by score (<see cref="AffinityScore"/>), and the rules fill the rest; eligibility is the same. The
/// steps are <see cref="DecisionRun"/>'s.
/// </summary>
public sealed class OfferEngine(DecisionOptions options)
{
    /// <summary>The options the engine decides with.</summary>
    public DecisionOptions Options { get; } = options;

    /// <summary>Decides for one shopper at one moment. The same input always gives the same answer.</summary>
    public Decision Decide(CatalogSnapshot catalog, ShopperContext shopper, ShopperHistory history, DateTimeOffset now, AffinitySnapshot? affinity = null)
    {
        ArgumentNullException.ThrowIfNull(shopper);
        if (Suppression.ReasonFor(shopper, history, now, Options) is { } reason)
        {
            return Decision.Nothing(reason);
        }

        var run = new DecisionRun(catalog, shopper, history, now, Options, LimitFor(shopper.Moment));
        if (run.Ranking == Ranking.Learned && affinity is { Count: > 0 } && run.TakeLearned(affinity))
        {
            return run.Answer();
        }

        run.TakeByRules();
        return run.Answer();
    }

    /// <summary>The most offers one answer holds at a moment.</summary>
    public int LimitFor(Moment moment) => moment == Moment.Cart ? Options.CartMaxOffers : Options.MaxOffers;

    /// <summary>Whether the visitor is in the global holdout (<see cref="Suppression.IsHeldOut"/>).</summary>
    public bool IsHeldOut(string visitorId) => Suppression.IsHeldOut(visitorId, Options);

    /// <summary>The holdout phase the view counts in now (<see cref="DecisionOptions.HoldoutPhase"/>).</summary>
    public string HoldoutPhase => Options.HoldoutPhase;
}
