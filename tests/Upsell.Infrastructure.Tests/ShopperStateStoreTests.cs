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

        var first = await store.TryRecordPromptAsync("s1", "v1", Moment.Cart, read, TestApp.Start, default);
        var second = await store.TryRecordPromptAsync("s1", "v1", Moment.Shipping, read, TestApp.Start, default);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal([Moment.Cart], (await store.LoadAsync("v1", "s1", default)).History.PromptedMoments);
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
