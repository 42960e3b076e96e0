using Upsell.Domain.Decisions;
using Upsell.Domain.Offers;
using static Upsell.Domain.Tests.Catalogs;

namespace Upsell.Domain.Tests;

/// <summary>
/// Each row starts from a shopper who is shown the offer and changes one thing; the row says whether the offer is
/// still shown. Together they cover every rule of DESIGN.md's "Decisions".
/// </summary>
public class EligibilityRuleTests
{
    private static readonly Dictionary<string, Func<Case, Case>> Changes = new()
    {
        ["nothing changed"] = c => c,
        ["offer not allowed at this moment"] = c => c with { Offer = c.Offer with { Moments = Set([Moment.Cart]) } },
        ["offer starts tomorrow"] = c => c with { Offer = c.Offer with { ActiveFrom = Now.AddDays(1) } },
        ["offer started yesterday"] = c => c with { Offer = c.Offer with { ActiveFrom = Now.AddDays(-1) } },
        ["offer ended a second ago"] = c => c with { Offer = c.Offer with { ActiveUntil = Now.AddSeconds(-1) } },
        ["offer ends tomorrow"] = c => c with { Offer = c.Offer with { ActiveUntil = Now.AddDays(1) } },
        ["offer out of stock"] = c => c with { Offer = c.Offer with { InStock = false } },
        ["trigger SKU in cart"] = c => c.Target(t => t with { TriggerSkus = Set("CAM-1") }),
        ["trigger SKU not in cart"] = c => c.Target(t => t with { TriggerSkus = Set("LAP-1") }),
        ["trigger category in cart"] = c => c.Target(t => t with { TriggerCategories = Set("cameras") }),
        ["trigger category not in cart"] = c => c.Target(t => t with { TriggerCategories = Set("laptops") }),
        ["excluded SKU in cart"] = c => c.Target(t => t with { ExcludedSkus = Set("CAM-1") }),
        ["excluded category in cart"] = c => c.Target(t => t with { ExcludedCategories = Set("cameras") }),
        ["cart below minimum value"] = c => c.Target(t => t with { MinCartValue = 50001 }),
        ["cart at minimum value"] = c => c.Target(t => t with { MinCartValue = 50000 }),
        ["cart above maximum value"] = c => c.Target(t => t with { MaxCartValue = 49999 }),
        ["price above its ceiling for this cart"] = c => c with { Offer = c.Offer with { Price = Money.Money.Euros(501), Targeting = c.Offer.Targeting with { MaxPricePercentOfCart = 1 } } },
        ["price at its ceiling for this cart"] = c => c with { Offer = c.Offer with { Price = Money.Money.Euros(500), Targeting = c.Offer.Targeting with { MaxPricePercentOfCart = 1 } } },
        ["device not targeted"] = c => c.Target(t => t with { Devices = Set([Device.Mobile]) }),
        ["device targeted"] = c => c.Target(t => t with { Devices = Set([Device.Desktop, Device.Mobile]) }),
        ["country not targeted"] = c => c.Target(t => t with { Countries = Set("AT") }),
        ["country unknown but targeted"] = c => c.Target(t => t with { Countries = Set("DE") }) with { Shopper = c.Shopper with { Country = null } },
        ["first-time offer for a returning buyer"] = c => c.Target(t => t with { Audience = Audience.FirstTime }) with { Shopper = c.Shopper with { OrderCount = 3 } },
        ["first-time offer for a first-time buyer"] = c => c.Target(t => t with { Audience = Audience.FirstTime }),
        ["returning offer for a first-time buyer"] = c => c.Target(t => t with { Audience = Audience.Returning }),
        ["returning offer for a returning buyer"] = c => c.Target(t => t with { Audience = Audience.Returning }) with { Shopper = c.Shopper with { OrderCount = 1 } },
        ["fewer orders than required"] = c => c.Target(t => t with { MinOrderCount = 2 }) with { Shopper = c.Shopper with { OrderCount = 1 } },
        ["offered SKU already in cart"] = c => c with { Offer = c.Offer with { Sku = "CAM-1" } },
        ["offer priced in another currency"] = c => c with { Offer = c.Offer with { Price = new Money.Money(999, "USD") } },
        ["the page offers the same SKU at another price"] = c => c with { Shopper = c.Shopper with { OnPage = [new PageOffer(c.Offer.Sku, null, c.Offer.Price with { Minor = c.Offer.Price.Minor + 100 })] } },
        ["the page offers the same platform id at another price"] = c => c with
        {
            Offer = c.Offer with { ExternalId = "4401" },
            Shopper = c.Shopper with { OnPage = [new PageOffer("OTHER-SKU", "4401", Money.Money.Euros(0))] },
        },
        ["the page offers the same SKU at the same price"] = c => c with { Shopper = c.Shopper with { OnPage = [new PageOffer(c.Offer.Sku, null, c.Offer.Price)] } },
        ["the page offers another product"] = c => c with { Shopper = c.Shopper with { OnPage = [new PageOffer("OTHER-SKU", null, Money.Money.Euros(1))] } },
        ["offer declined 29 days ago"] = c => c with { History = new ShopperHistory { Declines = [new Decline("x", OfferKind.Warranty, Now.AddDays(-29))] } },
        ["offer declined 31 days ago"] = c => c with { History = new ShopperHistory { Declines = [new Decline("x", OfferKind.Warranty, Now.AddDays(-31))] } },
        ["another offer of the same kind declined"] = c => c with { History = new ShopperHistory { Declines = [new Decline("other", OfferKind.Warranty, Now.AddDays(-1))] } },
        ["another offer of the same kind declined, kind suppression off"] = c => c with
        {
            History = new ShopperHistory { Declines = [new Decline("other", OfferKind.Warranty, Now.AddDays(-1))] },
            Options = new DecisionOptions { HoldoutPercent = 0, SuppressDeclinedKind = false },
        },
        ["an offer of another kind declined"] = c => c with { History = new ShopperHistory { Declines = [new Decline("other", OfferKind.Bundle, Now.AddDays(-1))] } },
        ["the shopper sent the offered product back"] = c => c with { Shopper = c.Shopper with { ReturnedSkus = [c.Offer.Sku!] } },
        ["the shopper sent another product back"] = c => c with { Shopper = c.Shopper with { ReturnedSkus = ["OTHER-SKU"] } },
        ["offer taken a day ago, at a moment before the order"] = c => c with { History = new ShopperHistory { Accepts = [new Acceptance("x", OfferKind.Warranty, Now.AddDays(-1))] } },
        ["offer taken a day ago, at a moment after the order"] = c => c.AfterTheOrder() with { History = new ShopperHistory { Accepts = [new Acceptance("x", OfferKind.Warranty, Now.AddDays(-1))] } },
        ["offer taken 31 days ago, at a moment after the order"] = c => c.AfterTheOrder() with { History = new ShopperHistory { Accepts = [new Acceptance("x", OfferKind.Warranty, Now.AddDays(-31))] } },
        ["another offer taken a day ago, at a moment after the order"] = c => c.AfterTheOrder() with { History = new ShopperHistory { Accepts = [new Acceptance("other", OfferKind.Warranty, Now.AddDays(-1))] } },
    };

    public static TheoryData<string, bool> Rows => new()
    {
        { "nothing changed", true },
        { "offer not allowed at this moment", false },
        { "offer starts tomorrow", false },
        { "offer started yesterday", true },
        { "offer ended a second ago", false },
        { "offer ends tomorrow", true },
        { "offer out of stock", false },
        { "trigger SKU in cart", true },
        { "trigger SKU not in cart", false },
        { "trigger category in cart", true },
        { "trigger category not in cart", false },
        { "excluded SKU in cart", false },
        { "excluded category in cart", false },
        { "cart below minimum value", false },
        { "cart at minimum value", true },
        { "cart above maximum value", false },
        { "price above its ceiling for this cart", false },
        { "price at its ceiling for this cart", true },
        { "device not targeted", false },
        { "device targeted", true },
        { "country not targeted", false },
        { "country unknown but targeted", false },
        { "first-time offer for a returning buyer", false },
        { "first-time offer for a first-time buyer", true },
        { "returning offer for a first-time buyer", false },
        { "returning offer for a returning buyer", true },
        { "fewer orders than required", false },
        { "offered SKU already in cart", false },
        { "offer priced in another currency", false },
        { "the page offers the same SKU at another price", false },
        { "the page offers the same platform id at another price", false },
        { "the page offers the same SKU at the same price", true },
        { "the page offers another product", true },
        { "offer declined 29 days ago", false },
        { "offer declined 31 days ago", true },
        { "another offer of the same kind declined", false },
        { "another offer of the same kind declined, kind suppression off", true },
        { "an offer of another kind declined", true },
        { "the shopper sent the offered product back", false },
        { "the shopper sent another product back", true },
        { "offer taken a day ago, at a moment before the order", true },
        { "offer taken a day ago, at a moment after the order", false },
        { "offer taken 31 days ago, at a moment after the order", true },
        { "another offer taken a day ago, at a moment after the order", true },
    };

    [Fact]
    public void Every_change_has_a_row() => Assert.Equal(Changes.Keys.Order(), Rows.Select(r => (string)r[0]).Order());

    [Theory]
    [MemberData(nameof(Rows))]
    public void One_change_decides_whether_the_offer_is_shown(string change, bool shown)
    {
        var c = Changes[change](Case.Shown);

        var decision = new OfferEngine(c.Options).Decide(Snapshot(c.Offer), c.Shopper, c.History, Now);

        Assert.Equal(shown ? DecisionOutcome.Offers : DecisionOutcome.NothingEligible, decision.Outcome);
    }

    internal sealed record Case(Offer Offer, ShopperContext Shopper, ShopperHistory History, DecisionOptions Options)
    {
        public static Case Shown => new(Catalogs.Offer("x"), Catalogs.Shopper(), ShopperHistory.None, NoHoldout());

        public Case Target(Func<OfferTargeting, OfferTargeting> change) => this with { Offer = Offer with { Targeting = change(Offer.Targeting) } };

        // The thank-you page: the offer allowed there, the shopper there.
        public Case AfterTheOrder() => this with { Offer = Offer with { Moments = Set([Moment.Confirmation]) }, Shopper = Shopper with { Moment = Moment.Confirmation } };
    }
}
