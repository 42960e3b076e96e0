using Upsell.Domain.Affinity;
using Upsell.Domain.Decisions;
using Upsell.Domain.Experiments;
using Upsell.Domain.Offers;
using static Upsell.Domain.Tests.Catalogs;

namespace Upsell.Domain.Tests.Affinity;

public class LearnedRankingTests
{
    private static readonly OfferEngine Rules = new(NoHoldout());
    private static readonly OfferEngine Learned = new(new DecisionOptions { HoldoutPercent = 0, LearnedMoments = "payment", MaxOffers = 3 });

    // The cart holds CAM-1; its learned neighbours are BAG (strong) and LENS (weaker).
    private static readonly AffinitySnapshot History = new(new Dictionary<string, Neighbour[]>
    {
        ["CAM-1"] = [new Neighbour("BAG", 2.5, 40, 60), new Neighbour("LENS", 1.1, 12, 50), new Neighbour("TRIPOD", 0.9, 5, 20)],
    }, Now);

    private static readonly Offer[] Catalog =
    [
        Offer("bag", sku: "BAG"),
        Offer("lens", sku: "LENS", priority: 9),
        Offer("warranty", sku: "WARRANTY", priority: 50),
        Offer("tripod", sku: "TRIPOD", targeting: new OfferTargeting { TriggerSkus = Set("PHONE-1") }),
    ];

    [Fact]
    public void Learned_ranking_puts_offers_that_go_with_the_cart_first_by_score_then_the_rest_by_the_rules()
    {
        var learned = Learned.Decide(Snapshot(Catalog), Shopper(), ShopperHistory.None, Now, History);
        var rules = new OfferEngine(new DecisionOptions { HoldoutPercent = 0, MaxOffers = 3 }).Decide(Snapshot(Catalog), Shopper(), ShopperHistory.None, Now, History);

        Assert.Equal(["bag", "lens", "warranty"], learned.Choices.Select(c => c.Offer.Id));
        Assert.Equal(["warranty", "lens", "bag"], rules.Choices.Select(c => c.Offer.Id));
    }

    [Fact]
    public void The_engine_ranks_as_a_full_sort_of_every_eligible_offer_by_score_then_the_rules_ties_included()
    {
        var random = new Random(23);
        var offers = Enumerable.Range(0, 80).Select(i => Offer($"o{i:00}", priority: random.Next(4), sku: $"ADD-{i % 60}",
            targeting: i % 4 == 0 ? new OfferTargeting { TriggerSkus = Set($"SKU-{i % 9}") } : i % 4 == 1 ? new OfferTargeting { TriggerCategories = Set($"cat-{i % 3}") } : null)).ToArray();
        var history = new AffinitySnapshot(Enumerable.Range(0, 9).ToDictionary(
            s => $"SKU-{s}",
            s => Enumerable.Range(0, 12).Select(k => new Neighbour($"ADD-{random.Next(60)}", random.Next(1, 4) * 0.5, 10, 20)).ToArray()), Now);
        var options = new DecisionOptions { HoldoutPercent = 0, LearnedMoments = "payment", MaxOffers = 4 };
        var engine = new OfferEngine(options);

        for (var i = 0; i < 300; i++)
        {
            var shopper = Shopper(cart: [Line($"SKU-{random.Next(9)}", $"cat-{random.Next(3)}", 50_000), Line($"SKU-{random.Next(9)}", null, 20_000)]);
            var cart = CartFacts.Of(shopper.Cart);
            var scores = cart.Skus.SelectMany(history.NeighboursOf).GroupBy(n => n.Sku).ToDictionary(g => g.Key, g => g.Max(n => n.Score));
            var expected = offers
                .Where(o => Eligibility.IsEligible(o, shopper, cart, ShopperHistory.None, Now, options))
                .OrderByDescending(o => scores.TryGetValue(o.Sku!, out var score) ? score : double.NegativeInfinity)
                .ThenByDescending(o => Eligibility.RelevanceOf(o, cart)).ThenByDescending(o => o.Priority).ThenBy(o => o.Id, StringComparer.Ordinal)
                .Take(4).Select(o => o.Id);

            Assert.Equal(expected, engine.Decide(Snapshot(offers), shopper, ShopperHistory.None, Now, history).Choices.Select(c => c.Offer.Id));
        }
    }

    [Fact]
    public void Triggers_still_decide_eligibility_so_a_learned_neighbour_whose_trigger_is_not_in_the_cart_is_not_shown()
    {
        var decision = Learned.Decide(Snapshot(Catalog), Shopper(), ShopperHistory.None, Now, History);

        Assert.DoesNotContain("tripod", decision.Choices.Select(c => c.Offer.Id));
    }

    [Fact]
    public void With_no_history_learned_ranking_answers_exactly_as_the_rules_do()
    {
        var random = new Random(19);
        var offers = Enumerable.Range(0, 60).Select(i => Offer($"o{i:00}", priority: random.Next(5), sku: $"ADD-{i}",
            targeting: i % 3 == 0 ? new OfferTargeting { TriggerSkus = Set($"SKU-{i % 7}") } : i % 3 == 1 ? new OfferTargeting { TriggerCategories = Set($"cat-{i % 4}") } : null)).ToArray();
        var rules = new OfferEngine(new DecisionOptions { HoldoutPercent = 0, MaxOffers = 3 });

        for (var i = 0; i < 200; i++)
        {
            var shopper = Shopper(cart: [Line($"SKU-{random.Next(7)}", $"cat-{random.Next(4)}", 50_000), Line($"SKU-{random.Next(7)}", null, 20_000)]);
            Assert.Equal(
                rules.Decide(Snapshot(offers), shopper, ShopperHistory.None, Now).Choices.Select(c => c.Offer.Id),
                Learned.Decide(Snapshot(offers), shopper, ShopperHistory.None, Now, AffinitySnapshot.Empty).Choices.Select(c => c.Offer.Id));
        }
    }

    [Fact]
    public void An_experiment_arm_sets_the_ranking_for_its_visitors_and_every_offer_shown_counts_in_the_arm()
    {
        var experiment = new Experiment
        {
            Key = "learned-vs-rules",
            Moment = Moment.Payment,
            SubjectOfferId = "warranty",
            Status = ExperimentStatus.Running,
            Variants = [new Variant("rules", 0.5, Ranking: Ranking.Rules), new Variant("learned", 0.5, Ranking: Ranking.Learned)],
        };
        var engine = new OfferEngine(new DecisionOptions { HoldoutPercent = 0, MaxOffers = 1 });
        var visitors = Enumerable.Range(0, 200).Select(i => $"visitor-{i}").ToList();

        var decisions = visitors.Select(v => (Arm: experiment.Assign(v)!.Key, Decision: engine.Decide(Snapshot(Catalog, experiment), Shopper(visitor: v), ShopperHistory.None, Now, History))).ToList();

        Assert.All(decisions, d => Assert.Equal(d.Arm == "learned" ? "bag" : "warranty", Assert.Single(d.Decision.Choices).Offer.Id));
        Assert.All(decisions, d => Assert.Equal(("learned-vs-rules", d.Arm), (d.Decision.Choices[0].ExperimentKey, d.Decision.Choices[0].VariantKey)));
        Assert.Contains(decisions, d => d.Arm == "learned");
        Assert.Contains(decisions, d => d.Arm == "rules");
    }

    [Fact]
    public void The_score_rewards_association_beyond_popularity_and_shrinks_small_counts()
    {
        var options = new AffinityOptions();

        var companion = AffinityScore.Of(together: 300, ordersOfA: 500, ordersOfB: 400, totalOrders: 2_000, options);
        var lucky = AffinityScore.Of(together: 3, ordersOfA: 3, ordersOfB: 3, totalOrders: 2_000, options);
        var popular = AffinityScore.Of(together: 150, ordersOfA: 500, ordersOfB: 600, totalOrders: 2_000, options);

        Assert.True(companion > lucky, $"{companion} against {lucky}");
        Assert.Null(popular);
        Assert.Null(AffinityScore.Of(together: 2, ordersOfA: 2, ordersOfB: 2, totalOrders: 2_000, options));
        Assert.Equal(Math.Log2(305.0 / 105), companion!.Value, 12);
    }
}
