using Upsell.Domain.Offers;
using Upsell.Functions.Tests.Connectors;
using Upsell.Infrastructure.FollowUps;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>
/// Follow-ups that know what happened to their order since it was placed (<c>Domain/FollowUps/OrderAftermath.cs</c>):
/// refunds and cancellations arrive through the routes and connectors, the timer runs, and the local stand-in for
/// SendGrid receives what went out.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class FollowUpAftermathTests(Azurite azurite) : FollowUpTest(azurite)
{
    [Fact]
    public async Task An_order_refunded_in_full_before_its_follow_up_time_gets_no_email()
    {
        await App.PlaceAsync(FollowUps.Order("order-1", Placed));
        App.Clock.SetUtcNow(Placed.AddHours(3));
        var refund = await App.PostRefundAsync("order-1", new { refundId = "r-1", refundedAt = Placed.AddHours(3), lines = new[] { new { line = 0, amount = 12900 } } });

        await App.RunTimerAtAsync(Placed.AddHours(25));

        Assert.Equal(202, refund.Status);
        Assert.Empty(SendGrid.Requests);
        var row = (await App.FollowUpAsync("order-1"))!;
        Assert.Equal((FollowUpEntity.Skipped, "refunded"), (row.Status, row.Reason));
    }

    [Fact]
    public async Task A_partly_refunded_order_gets_an_email_that_does_not_name_the_refunded_line()
    {
        await App.PlaceAsync(FollowUps.Order("order-1", Placed, lines: [Outcomes.Line("SHOE-TRAIL", "Trail shoes", 12900), Outcomes.Line("BOTTLE-1", "Water bottle", 1500)]));
        App.Clock.SetUtcNow(Placed.AddHours(3));
        Assert.Equal(202, (await App.PostRefundAsync("order-1", new { refundId = "r-1", refundedAt = Placed.AddHours(3), lines = new[] { new { line = 1, amount = 1500 } } })).Status);

        await App.RunTimerAtAsync(Placed.AddHours(25));

        var email = Assert.Single(SendGrid.Requests);
        Assert.Contains("Trail shoes", email.Content("text/plain"), StringComparison.Ordinal);
        Assert.DoesNotContain("Water bottle", email.Content("text/plain"), StringComparison.Ordinal);
        Assert.DoesNotContain("Water bottle", email.Content("text/html"), StringComparison.Ordinal);
        Assert.Equal("trail-socks", (await App.FollowUpAsync("order-1"))!.OfferId);
    }

    [Fact]
    public async Task A_product_sent_back_is_never_the_emails_offer()
    {
        // The socks were bought with the shoes and sent back: the shoes alone would bring the socks' offer.
        await App.PlaceAsync(FollowUps.Order("order-1", Placed, lines: [Outcomes.Line("SHOE-TRAIL", "Trail shoes", 12900), Outcomes.Line("SOCK-TRAIL", "Trail socks", 1499)]));
        App.Clock.SetUtcNow(Placed.AddHours(3));
        Assert.Equal(202, (await App.PostRefundAsync("order-1", new { refundId = "r-1", refundedAt = Placed.AddHours(3), lines = new[] { new { line = 1, amount = 1499 } } })).Status);

        await App.RunTimerAtAsync(Placed.AddHours(25));

        Assert.Empty(SendGrid.Requests);
        var row = (await App.FollowUpAsync("order-1"))!;
        Assert.Equal((FollowUpEntity.Skipped, "nothing-eligible"), (row.Status, row.Reason));
    }

    [Fact]
    public async Task An_accepted_checkout_offers_product_is_not_offered_again_by_email()
    {
        // The socks came from the checkout offer (the line carries its decision token); nothing else goes with shoes.
        var token = App.Token(offerId: "trail-socks", experiment: null, moment: Moment.Payment);
        await App.PlaceAsync(FollowUps.Order("order-1", Placed, lines: [Outcomes.Line("SHOE-TRAIL", "Trail shoes", 12900), Outcomes.Line("SOCK-TRAIL", "Trail socks", 1499, upsellToken: token)]));

        await App.RunTimerAtAsync(Placed.AddHours(25));

        Assert.Empty(SendGrid.Requests);
        Assert.Equal("nothing-eligible", (await App.FollowUpAsync("order-1"))!.Reason);
    }

    [Fact]
    public async Task An_order_Shopify_cancelled_gets_no_email_and_a_second_delivery_changes_nothing()
    {
        var order = Platforms.Payload("shopify-orders-create");
        Assert.Equal(202, (await App.PostShopifyAsync("orders/create", order)).Status);
        await App.RecordTheOrderAsync();
        var cancelled = order.DeepClone().AsObject();
        cancelled["cancelled_at"] = "2026-11-24T15:00:00+01:00";
        cancelled["cancel_reason"] = "customer";

        var first = await App.PostShopifyAsync("orders/cancelled", cancelled, webhookId: "c-1");
        var again = await App.PostShopifyAsync("orders/cancelled", cancelled, webhookId: "c-1");
        await App.RunTimerAtAsync(Placed.AddHours(25));

        Assert.Equal((200, 200), (first.Status, again.Status));
        Assert.Empty(SendGrid.Requests);
        var row = (await App.FollowUpAsync("shopify:5940263813270"))!;
        Assert.Equal((FollowUpEntity.Skipped, "cancelled"), (row.Status, row.Reason));
    }

    [Fact]
    public async Task A_WooCommerce_order_updated_as_cancelled_gets_no_email()
    {
        var order = Platforms.Payload("woocommerce-order");
        Assert.Equal(202, (await App.PostWooAsync("order.created", order)).Status);
        await App.RecordTheOrderAsync();
        var cancelled = order.DeepClone().AsObject();
        cancelled["status"] = "cancelled";

        Assert.Equal(202, (await App.PostWooAsync("order.updated", cancelled)).Status);
        await App.RunTimerAtAsync(Placed.AddHours(25));

        Assert.Empty(SendGrid.Requests);
        var row = (await App.FollowUpAsync("woo:727"))!;
        Assert.Equal((FollowUpEntity.Skipped, "cancelled"), (row.Status, row.Reason));
    }
}
