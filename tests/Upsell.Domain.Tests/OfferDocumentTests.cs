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
        { "line break in a headline", "copy.en.headline" },
        { "escape in the body", "copy.en.body" },
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
        { "http image", "imageUrl" },
        { "protocol-relative image", "imageUrl" },
        { "script image", "imageUrl" },
        { "image URL too long", "imageUrl" },
        { "compare-at equal to the price", "compareAtPrice.amount" },
        { "compare-at below the price", "compareAtPrice.amount" },
        { "compare-at without an amount", "compareAtPrice.amount" },
        { "compare-at in another currency", "compareAtPrice.currency" },
        { "blank platform id", "externalId" },
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
        ["line break in a headline"] = d => d with { Copy = new Dictionary<string, CopyDocument> { ["en"] = d.Copy!["en"] with { Headline = "A bag\r\nBcc: everyone" } } },
        ["escape in the body"] = d => d with { Copy = new Dictionary<string, CopyDocument> { ["en"] = d.Copy!["en"] with { Body = "Padded \u001b[31m" } } },
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
        ["http image"] = d => d with { ImageUrl = "http://cdn.example.com/bag.png" },
        ["protocol-relative image"] = d => d with { ImageUrl = "//cdn.example.com/bag.png" },
        ["script image"] = d => d with { ImageUrl = "javascript:alert(1)" },
        ["image URL too long"] = d => d with { ImageUrl = "https://cdn.example.com/" + new string('a', 2030) },
        ["compare-at equal to the price"] = d => d with { CompareAtPrice = new PriceDocument { Amount = 3999 } },
        ["compare-at below the price"] = d => d with { CompareAtPrice = new PriceDocument { Amount = 2999 } },
        ["compare-at without an amount"] = d => d with { CompareAtPrice = new PriceDocument { Currency = "EUR" } },
        ["compare-at in another currency"] = d => d with { CompareAtPrice = new PriceDocument { Amount = 4999, Currency = "USD" } },
        ["blank platform id"] = d => d with { ExternalId = "  " },
    };

    [Fact]
    public void A_product_card_offer_round_trips_and_names_its_saving()
    {
        var document = Valid with
        {
            ExternalId = "gid://shopify/ProductVariant/44012345678900",
            ImageUrl = "https://cdn.shopify.com/s/files/1/bag.png?v=1",
            CompareAtPrice = new PriceDocument { Amount = 4999 },
        };

        var offer = Assert.IsType<Offer>(document.ToOffer().Offer);

        Assert.Equal(new Money.Money(4999, "EUR"), offer.CompareAtPrice);
        Assert.Equal(new Money.Money(1000, "EUR"), offer.Saving);
        var back = OfferDocument.From(offer);
        Assert.Equal((document.ExternalId, document.ImageUrl, 4999L, "EUR"), (back.ExternalId, back.ImageUrl, back.CompareAtPrice!.Amount!.Value, back.CompareAtPrice.Currency));
        Assert.Empty(back.Validate());
        Assert.Null((offer with { Price = new Money.Money(4999, "EUR") }).Saving);
    }

    [Theory]
    [InlineData("https://cdn.shopify.com/s/files/1/0/bag.png?v=17")]
    [InlineData("/img/camera-bag.svg")]
    public void An_https_image_or_a_path_on_the_shop_is_accepted(string url) => Assert.Empty((Valid with { ImageUrl = url }).Validate());

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
