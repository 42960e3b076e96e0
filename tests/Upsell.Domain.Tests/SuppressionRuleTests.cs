using Upsell.Domain.Decisions;
using Upsell.Domain.Offers;
using static Upsell.Domain.Tests.Catalogs;

namespace Upsell.Domain.Tests;

/// <summary>The rules that keep a whole moment quiet, whatever the offers: each row flips the answer on its own.</summary>
public class SuppressionRuleTests
{
    private static readonly CatalogSnapshot Catalog = Snapshot(
        Offer("pay", Moment.Payment),
        Offer("ship", Moment.Shipping),
        Offer("exit", Moment.ExitIntent));

    private static readonly Dictionary<string, (Moment Moment, ShopperHistory History, bool EmptyCart)> Situations = new()
    {
        ["a fresh session at payment"] = (Moment.Payment, ShopperHistory.None, false),
        ["opted out"] = (Moment.Payment, new ShopperHistory { OptedOut = true }, false),
        ["one prompt seen, cap 2"] = (Moment.Payment, Prompted(Moment.Cart), false),
        ["two prompts seen, cap 2"] = (Moment.Payment, Prompted(Moment.Cart, Moment.Shipping), false),
        ["two prompts seen, one of them this moment"] = (Moment.Payment, Prompted(Moment.Cart, Moment.Payment), false),
        ["exit intent, fresh session"] = (Moment.ExitIntent, ShopperHistory.None, false),
        ["exit intent, already prompted"] = (Moment.ExitIntent, Prompted(Moment.ExitIntent), false),
        ["exit intent, empty cart"] = (Moment.ExitIntent, ShopperHistory.None, true),
        ["exit intent, declined something yesterday"] = (Moment.ExitIntent, Declined(days: 1), false),
        ["exit intent, declined something 40 days ago"] = (Moment.ExitIntent, Declined(days: 40), false),
    };

    public static TheoryData<string, DecisionOutcome> Rows => new()
    {
        { "a fresh session at payment", DecisionOutcome.Offers },
        { "opted out", DecisionOutcome.OptedOut },
        { "one prompt seen, cap 2", DecisionOutcome.Offers },
        { "two prompts seen, cap 2", DecisionOutcome.SessionCap },
        { "two prompts seen, one of them this moment", DecisionOutcome.Offers },
        { "exit intent, fresh session", DecisionOutcome.Offers },
        { "exit intent, already prompted", DecisionOutcome.ExitIntentUsed },
        { "exit intent, empty cart", DecisionOutcome.ExitIntentEmptyCart },
        { "exit intent, declined something yesterday", DecisionOutcome.ExitIntentCooldown },
        { "exit intent, declined something 40 days ago", DecisionOutcome.Offers },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_situation_decides_the_outcome(string situation, DecisionOutcome outcome)
    {
        var (moment, history, emptyCart) = Situations[situation];
        var shopper = emptyCart ? Shopper(moment) with { Cart = [] } : Shopper(moment);

        var decision = new OfferEngine(NoHoldout()).Decide(Catalog, shopper, history, Now);

        Assert.Equal(outcome, decision.Outcome);
    }

    [Fact]
    public void A_visitor_in_the_holdout_is_shown_nothing()
    {
        var options = new DecisionOptions();
        var engine = new OfferEngine(options);

        var held = engine.Decide(Catalog, Shopper(visitor: Visitor(heldOut: true, options)), ShopperHistory.None, Now);
        var treated = engine.Decide(Catalog, Shopper(visitor: Visitor(heldOut: false, options)), ShopperHistory.None, Now);

        Assert.Equal(DecisionOutcome.Holdout, held.Outcome);
        Assert.Equal(DecisionOutcome.Offers, treated.Outcome);
    }

    [Fact]
    public void The_holdout_takes_about_its_configured_share_of_visitors()
    {
        var engine = new OfferEngine(new DecisionOptions { HoldoutPercent = 5 });

        var heldOut = Enumerable.Range(0, 10_000).Count(i => engine.IsHeldOut($"v-{i}"));

        Assert.InRange(heldOut, 400, 600);
    }

    [Fact]
    public void A_raised_session_cap_lets_a_third_prompt_through()
    {
        var history = Prompted(Moment.Cart, Moment.Shipping);

        var decision = new OfferEngine(new DecisionOptions { HoldoutPercent = 0, SessionPromptCap = 3 }).Decide(Catalog, Shopper(), history, Now);

        Assert.Equal(DecisionOutcome.Offers, decision.Outcome);
    }

    private static ShopperHistory Prompted(params Moment[] moments) => new() { PromptedMoments = moments.ToHashSet() };

    private static ShopperHistory Declined(int days) => new() { Declines = [new Decline("elsewhere", OfferKind.Accessory, Now.AddDays(-days))] };
}
