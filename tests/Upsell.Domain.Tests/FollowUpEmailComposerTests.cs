using Upsell.Domain.FollowUps;
using Upsell.Domain.Offers;

namespace Upsell.Domain.Tests;

public class FollowUpEmailComposerTests
{
    private static FollowUpContent Content(string productName = "Trail shoes", string? locale = "en-GB") => new(
        "Trail & Co",
        "Hauptstraße 1, 10115 Berlin",
        locale,
        [new BoughtItem(productName, 1), new BoughtItem("Laces", 2)],
        new OfferCopy("Socks made for your new trail shoes", "Merino, cushioned.", "Add socks", "No thanks"),
        "€14.99",
        "https://shop.example/cart/add?sku=SOCK-TRAIL&upsell=v1.abc",
        "https://upsell.example/api/unsubscribe?token=u1.x");

    [Fact]
    public void Both_parts_name_what_was_bought_the_add_on_its_price_the_shop_and_the_unsubscribe_link()
    {
        var email = FollowUpEmailComposer.Compose(Content());

        Assert.Equal("Thanks for your order: Socks made for your new trail shoes", email.Subject);
        foreach (var part in new[] { email.Text, email.Html })
        {
            Assert.Contains("Trail shoes", part, StringComparison.Ordinal);
            Assert.Contains("2 × Laces", part, StringComparison.Ordinal);
            Assert.Contains("Socks made for your new trail shoes", part, StringComparison.Ordinal);
            Assert.Contains("€14.99", part, StringComparison.Ordinal);
            Assert.Contains("Hauptstraße 1, 10115 Berlin", part, StringComparison.Ordinal);
            Assert.Contains("https://upsell.example/api/unsubscribe?token=u1.x", part, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_outside_text_is_HTML_encoded_in_the_HTML_part()
    {
        var email = FollowUpEmailComposer.Compose(Content("<img src=x onerror=alert(1)>Shoe"));

        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;Shoe", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", email.Html, StringComparison.Ordinal);
        Assert.Contains("Trail &amp; Co", email.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://shop.example/cart/add?sku=SOCK-TRAIL&amp;upsell=v1.abc\"", email.Html, StringComparison.Ordinal);
        Assert.Contains("<img src=x onerror=alert(1)>Shoe", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_German_recipient_gets_the_German_wording()
    {
        var email = FollowUpEmailComposer.Compose(Content(locale: "de-DE"));

        Assert.StartsWith("Danke für Ihre Bestellung", email.Subject, StringComparison.Ordinal);
        Assert.Contains("Sie haben gekauft:", email.Text, StringComparison.Ordinal);
        Assert.Contains("lang=\"de\"", email.Html, StringComparison.Ordinal);
    }
}
