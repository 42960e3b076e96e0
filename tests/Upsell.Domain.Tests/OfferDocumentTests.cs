using Upsell.Domain.Catalog;
using Upsell.Domain.Offers;

namespace Upsell.Domain.Tests;

public class OfferDocumentTests
{
    private static readonly OfferDocument Valid = new()
    {
        Id = "cam-bag",
        Kind = "accessory",
        Sku = "BAG-1",
        Copy = new Dictionary<string, CopyDocument> { ["en"] = new() { Headline = "A bag", Body = "Padded", CallToAction = "Add", DeclineText = "No thanks" } },
        Price = new PriceDocument { Amount = 3999 },
        Moments = ["cart", "exit-intent"],
    };

    public static TheoryData<string, string> Rows => new()
    {
        { "missing id", "id" },
        { "id with a slash", "id" },
        { "unknown kind", "kind" },
        { "no copy", "copy" },
        { "unknown locale", "copy.xx-YY" },
        { "headline too long", "copy.en.headline" },
        { "missing call to action", "copy.en.callToAction" },
        { "negative price", "price.amount" },
        { "absurd price", "price.amount" },
        { "unknown currency", "price.currency" },
        { "no moments", "moments" },
        { "unknown moment", "moments[1]" },
        { "moment twice", "moments" },
        { "min above max cart value", "targeting.maxCartValue" },
        { "unknown device", "targeting.devices[0]" },
        { "lower-case country", "targeting.countries[0]" },
        { "first-time with order minimum", "targeting.minOrderCount" },
        { "priority out of range", "priority" },
        { "window ends before it starts", "activeUntil" },
    };

    private static readonly Dictionary<string, Func<OfferDocument, OfferDocument>> Changes = new()
    {
        ["missing id"] = d => d with { Id = null },
        ["id with a slash"] = d => d with { Id = "a/b" },
        ["unknown kind"] = d => d with { Kind = "gadget" },
        ["no copy"] = d => d with { Copy = new Dictionary<string, CopyDocument>() },
        ["unknown locale"] = d => d with { Copy = new Dictionary<string, CopyDocument> { ["xx-YY"] = d.Copy!["en"] }, DefaultLocale = "xx-YY" },
        ["headline too long"] = d => d with { Copy = new Dictionary<string, CopyDocument> { ["en"] = d.Copy!["en"] with { Headline = new string('a', 81) } } },
        ["missing call to action"] = d => d with { Copy = new Dictionary<string, CopyDocument> { ["en"] = d.Copy!["en"] with { CallToAction = " " } } },
        ["negative price"] = d => d with { Price = new PriceDocument { Amount = -1 } },
        ["absurd price"] = d => d with { Price = new PriceDocument { Amount = 10_000_001 } },
        ["unknown currency"] = d => d with { Price = new PriceDocument { Amount = 1, Currency = "ABC" } },
        ["no moments"] = d => d with { Moments = [] },
        ["unknown moment"] = d => d with { Moments = ["cart", "checkout"] },
        ["moment twice"] = d => d with { Moments = ["cart", "cart"] },
        ["min above max cart value"] = d => d with { Targeting = new TargetingDocument { MinCartValue = 10, MaxCartValue = 5 } },
        ["unknown device"] = d => d with { Targeting = new TargetingDocument { Devices = ["watch"] } },
        ["lower-case country"] = d => d with { Targeting = new TargetingDocument { Countries = ["de"] } },
        ["first-time with order minimum"] = d => d with { Targeting = new TargetingDocument { Audience = "first-time", MinOrderCount = 2 } },
        ["priority out of range"] = d => d with { Priority = 5000 },
        ["window ends before it starts"] = d => d with { ActiveFrom = DateTimeOffset.UnixEpoch.AddDays(2), ActiveUntil = DateTimeOffset.UnixEpoch.AddDays(1) },
    };

    [Fact]
    public void A_complete_offer_is_valid_and_round_trips()
    {
        Assert.Empty(Valid.Validate());

        var (parsed, errors) = Valid.ToOffer();
        var offer = Assert.IsType<Offer>(parsed);

        Assert.Equal(("cam-bag", OfferKind.Accessory, 3999L, "EUR"), (offer.Id, offer.Kind, offer.Price.Minor, offer.Price.Currency));
        Assert.Equal([Moment.Cart, Moment.ExitIntent], offer.Moments.Order());
        Assert.Empty(errors);
        Assert.Equal(offer.Id, OfferDocument.From(offer).ToOffer().Offer!.Id);
        Assert.Empty(OfferDocument.From(offer).Validate());
    }

    [Fact]
    public void An_invalid_document_gives_every_error_and_no_offer()
    {
        var (offer, errors) = (Valid with { Kind = "gadget", Moments = ["cart", "nowhere"] }).ToOffer();

        Assert.Null(offer);
        Assert.Contains("kind", errors.Select(e => e.Field));
        Assert.Contains("moments[1]", errors.Select(e => e.Field));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_bad_field_is_named(string change, string field)
    {
        var errors = Changes[change](Valid).Validate();

        Assert.Contains(errors, e => e.Field == field);
    }

    [Fact]
    public void Every_change_has_a_row() => Assert.Equal(Changes.Keys.Order(), Rows.Select(r => (string)r[0]).Order());
}
