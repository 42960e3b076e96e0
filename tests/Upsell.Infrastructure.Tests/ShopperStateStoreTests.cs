using Upsell.Domain.Offers;
using Upsell.Infrastructure.Shoppers;
using Upsell.Tests;

namespace Upsell.Infrastructure.Tests;

[Collection(UsesAzurite.Name)]
public sealed class ShopperStateStoreTests(Azurite azurite) : AzuriteTest(azurite)
{
    [Fact]
    public async Task Two_writers_of_the_same_session_cannot_both_record_a_prompt_from_the_same_read()
    {
        var store = App.Get<ShopperStateStore>();
        var read = await store.LoadAsync("v1", "s1", default);

        var first = await store.TryRecordAsync("v1", "s1", Moment.Cart, null, read, TestApp.Start, default);
        var second = await store.TryRecordAsync("v1", "s1", Moment.Shipping, null, read, TestApp.Start, default);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal([Moment.Cart], (await store.LoadAsync("v1", "s1", default)).History.PromptedMoments);
    }

    [Fact]
    public async Task A_prompt_and_a_first_arm_are_written_together_or_not_at_all()
    {
        var store = App.Get<ShopperStateStore>();
        var read = await store.LoadAsync("v1", "s1", default);
        var arm = new Domain.Experiments.StickyAssignment("price", 1, "control");
        Assert.True(await store.TryRecordAsync("v1", "s0", null, arm, read, TestApp.Start, default)); // another tab kept the arm first

        var both = await store.TryRecordAsync("v1", "s1", Moment.Cart, arm with { VariantKey = "cheaper" }, read, TestApp.Start, default);

        Assert.False(both);
        var after = await store.LoadAsync("v1", "s1", default);
        Assert.Empty(after.History.PromptedMoments); // the prompt went with the refused arm
        Assert.Equal("control", after.History.Assignments["price"].VariantKey);
        Assert.Empty((await store.LoadAsync("v1", "s0", default)).History.PromptedMoments);
    }

    [Fact]
    public async Task A_decline_replayed_with_an_older_time_keeps_the_latest()
    {
        var store = App.Get<ShopperStateStore>();

        await store.RecordDeclineAsync("v1", "bag", OfferKind.Accessory, TestApp.Start, default);
        await store.RecordDeclineAsync("v1", "bag", OfferKind.Accessory, TestApp.Start.AddDays(-10), default);
        await store.RecordDeclineAsync("v1", "bag", OfferKind.Accessory, TestApp.Start, default);

        var decline = Assert.Single((await store.LoadAsync("v1", "s1", default)).History.Declines);
        Assert.Equal(new Decline("bag", OfferKind.Accessory, TestApp.Start), decline);
    }

    [Fact]
    public async Task An_opt_out_is_read_back()
    {
        var store = App.Get<ShopperStateStore>();

        await store.OptOutAsync("v1", TestApp.Start, default);

        Assert.True((await store.LoadAsync("v1", "s1", default)).History.OptedOut);
        Assert.False((await store.LoadAsync("v2", "s1", default)).History.OptedOut);
    }
}
