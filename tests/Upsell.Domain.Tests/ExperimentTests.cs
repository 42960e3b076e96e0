using System.Text.Json;
using Upsell.Domain.Decisions;
using Upsell.Domain.Experiments;
using Upsell.Domain.Offers;
using static Upsell.Domain.Tests.Catalogs;

namespace Upsell.Domain.Tests;

public class ExperimentTests
{
    public static TheoryData<string, string, double> HashCases()
    {
        using var cases = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "contracts", "hash-cases.json")));
        var data = new TheoryData<string, string, double>();
        foreach (var row in cases.RootElement.GetProperty("v2").EnumerateArray())
        {
            data.Add(row[0].GetString()!, row[1].GetString()!, row[2].GetDouble());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HashCases))]
    public void The_hash_reproduces_GrowthBooks_v2_values(string seed, string value, double expected) =>
        Assert.Equal(expected, GrowthBookHash.V2(seed, value));

    [Fact]
    public void Ten_thousand_visitors_split_fifty_fifty_land_within_two_percent_of_each_arm()
    {
        var experiment = Experiment(0.5, 0.5);

        var control = Enumerable.Range(0, 10_000).Count(i => experiment.Assign($"visitor-{i}")!.Key == "control");

        Assert.InRange(control, 4_800, 5_200);
    }

    [Fact]
    public void Weighted_arms_get_their_share()
    {
        var experiment = Experiment(0.2, 0.8);

        var control = Enumerable.Range(0, 10_000).Count(i => experiment.Assign(Guid.NewGuid().ToString())!.Key == "control");

        Assert.InRange(control, 1_800, 2_200);
    }

    [Fact]
    public void A_visitor_keeps_the_variant_within_a_phase_and_may_change_in_the_next()
    {
        var phase1 = Experiment(0.5, 0.5);
        var phase2 = phase1 with { Phase = 2 };
        var visitors = Enumerable.Range(0, 1_000).Select(i => $"visitor-{i}").ToList();

        Assert.All(visitors, v => Assert.Equal(phase1.Assign(v)!.Key, phase1.Assign(v)!.Key));
        var moved = visitors.Count(v => phase1.Assign(v)!.Key != phase2.Assign(v)!.Key);
        Assert.InRange(moved, 400, 600);
    }

    [Fact]
    public void The_seed_is_the_experiment_key_and_phase()
    {
        var experiment = Experiment(0.5, 0.5) with { Key = "cart-test", Phase = 3 };

        Assert.Equal("cart-test:3", experiment.Seed);
        Assert.Equal(GrowthBookHash.V2("cart-test:3", "v") < 0.5 ? "control" : "treatment", experiment.Assign("v")!.Key);
    }

    [Fact]
    public void A_variant_changes_the_subject_offers_copy_and_price_and_names_itself()
    {
        var copy = new OfferCopy("New headline", "New body", "Take it", "Skip");
        var experiment = Experiment(0, 1) with { Variants = [new Variant("control", 0), new Variant("treatment", 1, Copy: new Dictionary<string, OfferCopy> { ["de"] = copy }, PriceMinor: 499)] };

        var choice = Decide(experiment, Offer("subject"));

        Assert.Equal(("exp", "treatment"), (choice.ExperimentKey, choice.VariantKey));
        Assert.Equal(499, choice.Offer.Price.Minor);
        Assert.Equal("New headline", choice.Offer.CopyFor("de-DE").Headline);
        Assert.Equal("Headline subject", choice.Offer.CopyFor("en").Headline);
    }

    [Fact]
    public void A_variant_can_change_the_image_and_its_lower_price_shows_a_larger_saving()
    {
        var subject = Offer("subject") with { ImageUrl = "https://cdn.example.com/a.png", CompareAtPrice = new Money.Money(2999, "EUR") };
        var experiment = Experiment(0, 1) with { Variants = [new Variant("control", 0), new Variant("treatment", 1, PriceMinor: 1999, ImageUrl: "https://cdn.example.com/b.png")] };

        var choice = Decide(experiment, subject);

        Assert.Equal(("https://cdn.example.com/b.png", 1000L), (choice.Offer.ImageUrl, choice.Offer.Saving!.Value.Minor));
    }

    [Fact]
    public void A_variant_can_show_another_catalog_offer_in_the_subjects_slot()
    {
        var experiment = Experiment(0, 1) with { Variants = [new Variant("control", 0), new Variant("treatment", 1, OfferId: "replacement")] };
        var replacement = Offer("replacement", Moment.Cart, kind: OfferKind.Bundle, price: 2999);

        var choice = Decide(experiment, Offer("subject"), replacement);

        Assert.Equal(("replacement", OfferKind.Bundle, 2999L), (choice.Offer.Id, choice.Offer.Kind, choice.Offer.Price.Minor));
    }

    [Fact]
    public void The_control_shows_the_offer_unchanged()
    {
        var subject = Offer("subject");

        var choice = Decide(Experiment(1, 0), subject);

        Assert.Equal(("exp", "control"), (choice.ExperimentKey, choice.VariantKey));
        Assert.Same(subject.Copy, choice.Offer.Copy);
    }

    [Theory]
    [InlineData(ExperimentStatus.Draft)]
    [InlineData(ExperimentStatus.Stopped)]
    public void Only_a_running_experiment_assigns_variants(ExperimentStatus status)
    {
        var choice = Decide(Experiment(0, 1) with { Status = status }, Offer("subject"));

        Assert.Null(choice.ExperimentKey);
    }

    [Fact]
    public void Offers_outside_the_experiment_carry_no_variant()
    {
        var choice = Decide(Experiment(0, 1) with { SubjectOfferId = "absent-from-answer" }, Offer("subject"), Offer("absent-from-answer", Moment.Cart));

        Assert.Null(choice.ExperimentKey);
    }

    private static OfferChoice Decide(Experiment experiment, params Offer[] offers)
    {
        var decision = new OfferEngine(NoHoldout()).Decide(Snapshot(offers, experiment), Shopper(), ShopperHistory.None, Now);
        return Assert.Single(decision.Choices);
    }

    private static Experiment Experiment(double control, double treatment) => new()
    {
        Key = "exp",
        Moment = Moment.Payment,
        SubjectOfferId = "subject",
        Status = ExperimentStatus.Running,
        Variants = [new Variant("control", control), new Variant("treatment", treatment)],
    };
}
