using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>
/// Follow-ups sent as the merchant's own SendGrid dynamic template, per the recipient's locale, and in an unsubscribe
/// group: the exact requests the local stand-in for SendGrid receives.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class FollowUpTemplateTests(Azurite azurite) : FollowUpTest(azurite)
{
    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Upsell:Email:TemplateIds"] = "de = d-0123german ; fr-FR=d-4567french";
        settings["Upsell:Email:UnsubscribeGroupId"] = "42";
    }

    [Fact]
    public async Task A_recipient_whose_language_has_a_template_gets_it_with_the_emails_words_as_its_data()
    {
        await App.PlaceAsync(FollowUps.Order("order-1", Placed, locale: "de-AT"));

        await App.RunTimerAtAsync(Placed.AddHours(25));

        var request = Assert.Single(SendGrid.Requests);
        Assert.Equal("d-0123german", request.Body.GetProperty("template_id").GetString());
        Assert.False(request.Body.TryGetProperty("content", out _));
        var data = request.Personalization.GetProperty("dynamic_template_data");
        Assert.Equal("Danke für Ihre Bestellung: Socken für Ihre neuen Trailschuhe", data.GetProperty("subject").GetString());
        Assert.Equal("Vielen Dank für Ihre Bestellung bei Trail & Co.", data.GetProperty("thanks").GetString());
        Assert.Equal(["Trail shoes"], data.GetProperty("bought").EnumerateArray().Select(b => b.GetString()));
        // Austrian German writes the euro first.
        Assert.Equal("€ 14,99", data.GetProperty("offer").GetProperty("price").GetString());
        Assert.StartsWith("https://shop.example/cart/add?sku=SOCK-TRAIL&upsell=v2.", data.GetProperty("offer").GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(("Hauptstraße 1, 10115 Berlin, Germany", "de-AT", "de"), (data.GetProperty("shopAddress").GetString(), data.GetProperty("locale").GetString(), data.GetProperty("language").GetString()));
        Assert.StartsWith("http", data.GetProperty("unsubscribeUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(42, request.Body.GetProperty("asm").GetProperty("group_id").GetInt32());
        Assert.StartsWith("<http", request.Header("List-Unsubscribe"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recipient_without_a_template_for_their_locale_gets_the_built_in_email()
    {
        await App.PlaceAsync(FollowUps.Order("order-1", Placed, locale: "en-US"));

        await App.RunTimerAtAsync(Placed.AddHours(25));

        var request = Assert.Single(SendGrid.Requests);
        Assert.False(request.Body.TryGetProperty("template_id", out _));
        Assert.Equal(["text/plain", "text/html"], request.Body.GetProperty("content").EnumerateArray().Select(c => c.GetProperty("type").GetString()));
        Assert.Equal(42, request.Body.GetProperty("asm").GetProperty("group_id").GetInt32());
    }

    [Theory]
    [InlineData("de=0123")]
    [InlineData("d-0123")]
    [InlineData("=d-0123")]
    public void A_template_list_that_is_not_locale_equals_id_pairs_is_refused_at_start(string templates)
    {
        var options = new Upsell.Infrastructure.FollowUps.EmailOptions { ShopName = "s", ShopAddress = "a", OfferUrlTemplate = "https://shop.example/{sku}", TemplateIds = templates };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Contains(errors, e => e.MemberNames.Contains("TemplateIds"));
    }
}
