using Upsell.Domain.Decisions;
using Upsell.Domain.Experiments;
using Upsell.Domain.Offers;
using static Upsell.Domain.Tests.Catalogs;

namespace Upsell.Domain.Tests;

public class StickyAssignmentTests
{
    private static readonly Experiment Bandit = new()
    {
        Key = "exp",
        Moment = Moment.Payment,
        SubjectOfferId = "subject",
        Status = ExperimentStatus.Running,
        Allocation = Allocation.Bandit,
        Variants = [new Variant("control", 0.5), new Variant("treatment", 0.5, PriceMinor: 1)],
    };

    [Fact]
    public void A_visitor_keeps_the_stored_arm_after_the_weights_move_and_new_visitors_follow_the_new_weights()
    {
        var moved = Bandit with { Variants = [Bandit.Variants[0] with { Weight = 0.01 }, Bandit.Variants[1] with { Weight = 0.99 }] };
        var visitors = Enumerable.Range(0, 2_000).Select(i => $"visitor-{i}").ToList();
        var stored = visitors.ToDictionary(v => v, v => Stored(new StickyAssignment("exp", 1, Bandit.Assign(v)!.Key)));
        var engine = new OfferEngine(NoHoldout());

        var kept = visitors.Select(v => engine.Decide(Snapshot([Offer("subject")], moved), Shopper(visitor: v), stored[v], Now)).ToList();
        var fresh = visitors.Select(v => engine.Decide(Snapshot([Offer("subject")], moved), Shopper(visitor: v), ShopperHistory.None, Now)).ToList();

        Assert.Equal(visitors.Select(v => Bandit.Assign(v)!.Key), kept.Select(d => d.Choices[0].VariantKey));
        Assert.All(kept, d => Assert.Null(d.NewAssignment));
        Assert.InRange(visitors.Count(v => Bandit.Assign(v)!.Key == "control"), 900, 1_100);
        Assert.InRange(fresh.Count(d => d.Choices[0].VariantKey == "control"), 0, 60);
        Assert.All(fresh, d => Assert.Equal(d.Choices[0].VariantKey, d.NewAssignment!.VariantKey));
    }

    [Fact]
    public void An_arm_stored_in_an_earlier_phase_or_no_longer_in_the_experiment_is_not_kept()
    {
        var visitor = "visitor-7";
        var phase2 = Bandit with { Phase = 2 };

        var older = StickyAssignment.IndexFor(phase2, visitor, Stored(new StickyAssignment("exp", 1, "control")).Assignments, out var olderIsNew);
        var gone = StickyAssignment.IndexFor(Bandit, visitor, Stored(new StickyAssignment("exp", 1, "removed-arm")).Assignments, out var goneIsNew);
        var kept = StickyAssignment.IndexFor(phase2, visitor, Stored(new StickyAssignment("exp", 2, "treatment")).Assignments, out var keptIsNew);

        Assert.Equal((phase2.AssignIndex(visitor), true), (older, olderIsNew));
        Assert.Equal((Bandit.AssignIndex(visitor), true), (gone, goneIsNew));
        Assert.Equal((1, false), (kept, keptIsNew));
    }

    [Fact]
    public void A_kept_arm_stays_even_when_lower_coverage_would_leave_the_visitor_out()
    {
        var narrowed = Bandit with { Coverage = 0 };

        var index = StickyAssignment.IndexFor(narrowed, "visitor-1", Stored(new StickyAssignment("exp", 1, "treatment")).Assignments, out var isNew);

        Assert.Equal((1, false), (index, isNew));
        Assert.Equal(-1, narrowed.AssignIndex("visitor-1"));
    }

    private static ShopperHistory Stored(StickyAssignment assignment) =>
        new() { Assignments = new Dictionary<string, StickyAssignment>(StringComparer.Ordinal) { [assignment.ExperimentKey] = assignment } };
}
