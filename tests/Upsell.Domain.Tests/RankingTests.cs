using Upsell.Domain.Decisions;
using Upsell.Domain.Experiments;
using Upsell.Domain.Offers;
using static Upsell.Domain.Tests.Catalogs;

namespace Upsell.Domain.Tests;

public class RankingTests
{
    private static readonly OfferEngine Engine = new(NoHoldout());

    public static TheoryData<string, string[], string> Rows => new()
    {
        // name, the offers' ids in the catalog (see Candidates), the id that wins
        { "SKU trigger beats category trigger", ["sku", "category"], "sku" },
        { "category trigger beats generic", ["category", "generic"], "category" },
        { "SKU trigger beats a generic offer of higher priority", ["sku", "generic-high"], "sku" },
        { "higher priority wins within relevance", ["generic", "generic-high"], "generic-high" },
        { "equal priority: lower id wins", ["generic", "generic-b"], "generic" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_most_relevant_offer_wins(string rule, string[] offers, string winner)
    {
        Assert.NotNull(rule);
        var catalog = Snapshot(offers.Select(Candidate).ToArray());

        var decision = Engine.Decide(catalog, Shopper(), ShopperHistory.None, Now);

        Assert.Equal(winner, Assert.Single(decision.Choices).Offer.Id);
    }

    [Fact]
    public void The_same_input_gives_the_same_answer_whatever_the_catalog_order()
    {
        var offers = Enumerable.Range(0, 50).Select(i => Offer($"o{i:00}", priority: i % 3)).ToArray();

        var forward = Engine.Decide(Snapshot(offers), Shopper(), ShopperHistory.None, Now);
        var backward = Engine.Decide(Snapshot(offers.Reverse().ToArray()), Shopper(), ShopperHistory.None, Now);

        Assert.Equal("o02", forward.Choices[0].Offer.Id);
        Assert.Equal(forward.Choices.Select(c => c.Offer.Id), backward.Choices.Select(c => c.Offer.Id));
    }

    [Theory]
    [InlineData(Moment.Cart, 3)]
    [InlineData(Moment.Payment, 1)]
    [InlineData(Moment.Confirmation, 1)]
    public void An_answer_holds_at_most_the_moments_limit(Moment moment, int limit)
    {
        var offers = Enumerable.Range(0, 5).Select(i => Offer($"o{i}", moment)).ToArray();

        var decision = Engine.Decide(Snapshot(offers), Shopper(moment), ShopperHistory.None, Now);

        Assert.Equal(limit, decision.Choices.Count);
    }

    [Fact]
    public void The_cart_fills_up_across_relevance_tiers_in_rank_order()
    {
        var catalog = Snapshot(
            Offer("g", Moment.Cart, priority: 9),
            Offer("c", Moment.Cart, targeting: new OfferTargeting { TriggerCategories = Set("cameras") }),
            Offer("s", Moment.Cart, targeting: new OfferTargeting { TriggerSkus = Set("CAM-1") }));

        var decision = Engine.Decide(catalog, Shopper(Moment.Cart), ShopperHistory.None, Now);

        Assert.Equal(["s", "c", "g"], decision.Choices.Select(c => c.Offer.Id));
        Assert.Equal([Relevance.Sku, Relevance.Category, Relevance.Generic], decision.Choices.Select(c => c.Relevance));
    }

    [Fact]
    public void An_offer_with_both_triggers_is_shown_once()
    {
        var both = Offer("both", Moment.Cart, targeting: new OfferTargeting { TriggerSkus = Set("CAM-1"), TriggerCategories = Set("cameras") });

        var decision = Engine.Decide(Snapshot(both), Shopper(Moment.Cart), ShopperHistory.None, Now);

        Assert.Equal(Relevance.Sku, Assert.Single(decision.Choices).Relevance);
    }

    private static Offer Candidate(string id) => id switch
    {
        "sku" => Offer(id, targeting: new OfferTargeting { TriggerSkus = Set("CAM-1") }),
        "category" => Offer(id, targeting: new OfferTargeting { TriggerCategories = Set("cameras") }),
        "generic-high" => Offer(id, priority: 50),
        _ => Offer(id),
    };

    [Theory]
    [InlineData(Moment.Cart)]
    [InlineData(Moment.Payment)]
    public void The_engine_ranks_as_a_full_sort_of_every_eligible_offer_with_an_arm_that_shows_another_offer(Moment moment)
    {
        var random = new Random(31 + (int)moment);
        var offers = Enumerable.Range(0, 90).Select(i => Offer($"o{i:00}", moment, priority: random.Next(3), price: random.Next(500, 4_000),
            targeting: (i % 5) switch
            {
                0 or 1 => new OfferTargeting { TriggerSkus = Set($"SKU-{i % 7}", $"SKU-{i % 11}"), MaxPricePercentOfCart = 40 },
                2 => new OfferTargeting { TriggerCategories = Set($"cat-{i % 4}"), TriggerSkus = i % 3 == 0 ? Set($"SKU-{i % 5}") : [] },
                3 => new OfferTargeting { MinCartValue = random.Next(0, 60_000), ExcludedCategories = Set($"cat-{i % 4}") },
                _ => null,
            })).ToArray();
        // The arm swaps the subject for another catalog offer, so its id (and its place among equal priorities) moves.
        var experiment = new Experiment
        {
            Key = "swap", Moment = moment, SubjectOfferId = "o00", Status = ExperimentStatus.Running,
            Variants = [new Variant("control", 0.5), new Variant("other", 0.5, OfferId: "o44")],
        };
        var catalog = Snapshot(offers, experiment);
        var options = new DecisionOptions { HoldoutPercent = 0, MaxOffers = 2 };
        var engine = new OfferEngine(options);

        for (var i = 0; i < 400; i++)
        {
            var lines = Enumerable.Range(0, random.Next(1, 5)).Select(_ => Line($"SKU-{random.Next(12)}", random.Next(3) == 0 ? null : $"cat-{random.Next(5)}", random.Next(1_000, 30_000))).ToArray();
            var shopper = Shopper(moment, $"visitor-{i}", lines);
            var cart = CartFacts.Of(shopper.Cart);
            var arm = experiment.Assign(shopper.VisitorId)!;
            var expected = offers
                .Select(o => o.Id == experiment.SubjectOfferId ? VariantChanges.Apply(o, arm, arm.OfferId is { } id ? offers.Single(x => x.Id == id) : null) : o)
                .Where(o => Eligibility.IsEligible(o, shopper, cart, ShopperHistory.None, Now, options))
                .OrderByDescending(o => Eligibility.RelevanceOf(o, cart)).ThenByDescending(o => o.Priority).ThenBy(o => o.Id, StringComparer.Ordinal)
                .DistinctBy(o => o.Id)
                .Take(engine.LimitFor(moment)).Select(o => o.Id);

            Assert.Equal(expected, engine.Decide(catalog, shopper, ShopperHistory.None, Now).Choices.Select(c => c.Offer.Id));
        }
    }
}
