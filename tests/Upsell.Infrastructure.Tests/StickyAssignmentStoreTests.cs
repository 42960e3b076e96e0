using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Application.Catalog;
using Upsell.Application.Offers;
using Upsell.Domain.Catalog;
using Upsell.Domain.Money;
using Upsell.Domain.Offers;
using Upsell.Infrastructure.Catalog;
using Upsell.Tests;

namespace Upsell.Infrastructure.Tests;

/// <summary>
/// A visitor's first arm, kept with their state in storage: the same offer after a bandit moves the weights, the
/// same arm for two concurrent first requests on two workers that hold different weights, and no extra storage
/// call once kept.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class StickyAssignmentStoreTests(Azurite azurite) : AzuriteTest(azurite)
{
    private const string Key = "cart-sd-card-price";

    public override async Task InitializeAsync()
    {
        await DemoCatalogSeeder.SeedAsync(App.Get<CatalogAdmin>(), default);
        await SetWeightsAsync(App, 1, 0);
    }

    [Fact]
    public async Task A_visitor_keeps_the_arm_after_the_bandit_moves_the_weights_and_new_visitors_get_the_new_weights()
    {
        var service = App.Get<OfferDecisionService>();
        var first = await service.DecideAsync(Shopper("returning", "s-1"), null, default);

        await SetWeightsAsync(App, 0, 1);
        var again = await service.DecideAsync(Shopper("returning", "s-2"), null, default);
        var newcomer = await service.DecideAsync(Shopper("newcomer", "s-3"), null, default);

        Assert.Equal("control", Arm(first));
        Assert.Equal("control", Arm(again));
        Assert.Equal("discounted", Arm(newcomer));
        Assert.Equal(1, (await App.Get<CatalogAdmin>().GetExperimentAsync(Key, default))!.Document.Phase);
    }

    [Fact]
    public async Task Two_concurrent_first_requests_of_one_visitor_on_two_workers_with_different_weights_get_the_same_arm()
    {
        // Worker A loaded the catalog before the bandit moved every visitor to "discounted", worker B after.
        var serviceA = App.Get<OfferDecisionService>();
        await serviceA.DecideAsync(Shopper("warm-up", "s-warm"), null, default);
        await using var workerB = new TestApp(Azurite, App.Settings);
        await SetWeightsAsync(workerB, 0, 1);
        var serviceB = workerB.Get<OfferDecisionService>();

        for (var i = 0; i < 10; i++)
        {
            var visitor = $"visitor-{i}";
            var answers = await Task.WhenAll(
                serviceA.DecideAsync(Shopper(visitor, $"a-{i}"), null, default),
                serviceB.DecideAsync(Shopper(visitor, $"b-{i}"), null, default));

            Assert.Equal(Arm(answers[0]), Arm(answers[1]));
            var later = await serviceB.DecideAsync(Shopper(visitor, $"c-{i}"), null, default);
            Assert.Equal(Arm(answers[0]), Arm(later));
        }
    }

    [Fact]
    public async Task A_kept_arm_costs_no_storage_call_and_the_first_one_goes_in_the_same_batch_as_the_session_write()
    {
        var counter = new RequestCountPolicy();
        await using var app = new TestApp(Azurite, App.Settings,
            services => services.Configure<TableClientOptions>("Default", o => o.AddPolicy(counter, HttpPipelinePosition.PerCall)));
        var service = app.Get<OfferDecisionService>();
        await app.Get<CatalogSnapshotProvider>().RefreshAsync(default);
        await service.DecideAsync(Shopper("warm-up", "s-warm"), null, default);

        var first = await counter.CountAsync(() => service.DecideAsync(Shopper("counted", "s-1"), null, default));
        var kept = await counter.CountAsync(() => service.DecideAsync(Shopper("counted", "s-2"), null, default));
        await SetWeightsAsync(app, 0.5, 0.5, stopped: true);
        var outside = await counter.CountAsync(() => service.DecideAsync(Shopper("counted", "s-3"), null, default));

        // Every decision queries the visitor's partition and writes the session's prompt, with a first arm, in one batch.
        Assert.Equal(2, outside);
        Assert.Equal(2, kept);
        Assert.Equal(2, first);
    }

    private static ShopperContext Shopper(string visitor, string session) => new()
    {
        Moment = Moment.Cart,
        SessionId = session,
        VisitorId = visitor,
        Cart = [new CartLine("CAM-X100", "cameras", new Money(89900, "EUR"), 1)],
        Locale = "en",
        Country = "DE",
    };

    private static string? Arm(OfferResult result) =>
        result.Answer?.Offers.FirstOrDefault(o => o.OfferId == "cam-sd-card")?.Variant;

    // What the bandit timer does: new weights in the same phase, and the catalog reloaded.
    private static async Task SetWeightsAsync(TestApp app, double control, double discounted, bool stopped = false)
    {
        var store = app.Get<CatalogStore>();
        var stored = (await store.Experiments.GetAsync(Key, default))!;
        var document = stored.Document with
        {
            Allocation = "bandit",
            Status = stopped ? "stopped" : "running",
            Decision = stopped ? new DecisionDocument { Variant = "control", Reason = "done", DecidedAt = TestApp.Start } : null,
            Variants = [stored.Document.Variants![0] with { Weight = control }, stored.Document.Variants[1] with { Weight = discounted }],
        };
        await store.Experiments.ReplaceAsync(document, stored.ETag, default);
        await app.Get<CatalogSnapshotProvider>().RefreshAsync(default);
    }
}
