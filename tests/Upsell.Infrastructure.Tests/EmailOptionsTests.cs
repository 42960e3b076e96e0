using System.ComponentModel.DataAnnotations;
using Upsell.Infrastructure.FollowUps;

namespace Upsell.Infrastructure.Tests;

public class EmailOptionsTests
{
    private static EmailOptions Valid() => new()
    {
        ShopName = "Trail & Co",
        ShopAddress = "Hauptstraße 1, 10115 Berlin",
        OfferUrlTemplate = "https://shop.example/cart/add?sku={sku}&upsell={token}",
    };

    [Fact]
    public void Without_an_API_key_no_sender_is_needed_and_mail_goes_to_the_outbox()
    {
        var options = Valid();

        Assert.Empty(Errors(options));
        Assert.False(options.UsesSendGrid);
    }

    [Fact]
    public void Sending_through_SendGrid_needs_a_sender_address()
    {
        var options = Valid();
        options.SendGridApiKey = "SG.key";

        Assert.Contains(Errors(options), e => e.MemberNames.Contains(nameof(EmailOptions.FromAddress)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("shop.example/cart?sku={sku}")]
    [InlineData("ftp://shop.example/{sku}")]
    public void The_offer_link_must_be_an_http_address(string template)
    {
        var options = Valid();
        options.OfferUrlTemplate = template;

        Assert.Contains(Errors(options), e => e.MemberNames.Contains(nameof(EmailOptions.OfferUrlTemplate)));
    }

    [Fact]
    public void The_offer_link_escapes_what_it_fills_in() =>
        Assert.Equal("https://shop.example/cart/add?sku=A%26B&upsell=v1.x%2By", Valid().OfferUrl("A&B", "offer", "v1.x+y"));

    private static List<ValidationResult> Errors(EmailOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
