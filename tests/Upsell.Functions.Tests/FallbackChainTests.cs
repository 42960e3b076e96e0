using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Functions.Offers;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>
/// The moments after the order as one chain (<c>Domain/Decisions/FallbackChain.cs</c>), a test per row of its table:
/// what the shopper did with the coffee subscription on the thank-you page (the confirmation moment) decides whether
/// the follow-up email carries it. Through the offer, event, order and follow-up functions, against Azurite and a
/// local stand-in for SendGrid.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class FallbackChainTests(Azurite azurite) : FollowUpTest(azurite)
{
    private static readonly object Grinder = new { sku = "GRINDER-1", name = "Coffee grinder", category = "kitchen", unitPrice = 4900, quantity = 1 };

    [Fact]
    public async Task When_the_thank_you_page_was_not_reached_the_email_carries_the_offer()
    {
        await App.PlaceAsync(FollowUps.Order("order-1", Placed, lines: Grinder));

        Assert.Equal("coffee-subscription", await EmailedOfferAsync());
    }

    [Fact]
    public async Task Shown_on_the_thank_you_page_without_an_answer_the_email_carries_it_again()
    {
        await App.PlaceAsync(FollowUps.Order("order-1", Placed, lines: Grinder));
        await AnswerOnTheThankYouPageAsync("impression");

        Assert.Equal("coffee-subscription", await EmailedOfferAsync());
    }

    [Fact]
    public async Task Shown_on_the_thank_you_page_and_declined_the_email_does_not_repeat_it()
    {
        await App.PlaceAsync(FollowUps.Order("order-1", Placed, lines: Grinder));
        await AnswerOnTheThankYouPageAsync("impression", "decline");

        Assert.Null(await EmailedOfferAsync());
        Assert.Equal("nothing-eligible", (await App.FollowUpAsync("order-1"))!.Reason);
    }

    [Fact]
    public async Task Shown_on_the_thank_you_page_and_taken_in_an_order_of_its_own_the_first_orders_email_does_not_repeat_it()
    {
        await App.PlaceAsync(FollowUps.Order("order-1", Placed, lines: Grinder));
        var token = await AnswerOnTheThankYouPageAsync("impression", "accept");
        await App.PlaceAsync(FollowUps.Order("order-2", Placed.AddMinutes(5), email: null, consent: false, lines: [Outcomes.Line("SUB-BEANS", "Coffee subscription", 1990, upsellToken: token)]));

        Assert.Null(await EmailedOfferAsync());
        Assert.Equal("nothing-eligible", (await App.FollowUpAsync("order-1"))!.Reason);
    }

    [Fact]
    public async Task Taken_at_checkout_it_is_in_the_order_and_the_email_does_not_repeat_it()
    {
        var token = App.Token(offerId: "coffee-subscription", experiment: null, moment: Domain.Offers.Moment.Payment);
        await App.PlaceAsync(FollowUps.Order("order-1", Placed, lines: [Grinder, Outcomes.Line("SUB-BEANS", "Coffee subscription", 1990, upsellToken: token)]));

        Assert.Null(await EmailedOfferAsync());
        Assert.Equal("nothing-eligible", (await App.FollowUpAsync("order-1"))!.Reason);
    }

    // The thank-you page asks for its offer with the order as the cart, and the shopper's events on it are recorded;
    // gives the offer's token.
    private async Task<string> AnswerOnTheThankYouPageAsync(params string[] events)
    {
        var body = JsonSerializer.Serialize(new { sessionId = "session-of-visitor-1", visitorId = "visitor-1", locale = "de-DE", cart = new[] { new { sku = "GRINDER-1", category = "kitchen", unitPrice = 4900, quantity = 1, currency = "EUR" } } });
        var request = Http.Request("POST", body);
        var answer = await Http.ExecuteAsync(request, await ActivatorUtilities.CreateInstance<DecideOffersFunction>(App.Services).DecideOffers(request, "confirmation", default));
        Assert.Equal(200, answer.Status);
        var offer = answer.Json.GetProperty("offers")[0];
        Assert.Equal("coffee-subscription", offer.GetProperty("offerId").GetString());
        var token = offer.GetProperty("token").GetString()!;

        App.Clock.SetUtcNow(Placed.AddMinutes(1));
        var response = await App.PostEventsAsync(new { events = events.Select((type, i) => Outcomes.Event(type, token, $"thank-you-{i}", Placed.AddMinutes(1))).ToArray() });
        Assert.Equal(202, response.Status);
        await App.RecordQueuedEventsAsync();
        return token;
    }

    // Runs the timer in the follow-up's window; the offer the email carried, or null when none went out.
    private async Task<string?> EmailedOfferAsync()
    {
        await App.RunTimerAtAsync(Placed.AddHours(25));
        return SendGrid.Requests.Count == 0 ? null : (await App.FollowUpAsync("order-1"))!.OfferId;
    }
}
