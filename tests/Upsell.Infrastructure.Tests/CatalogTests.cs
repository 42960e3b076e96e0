using Azure.Data.Tables;
using Upsell.Application.Catalog;
using Upsell.Domain.Catalog;
using Upsell.Domain.Offers;
using Upsell.Infrastructure.Catalog;
using Upsell.Tests;

namespace Upsell.Infrastructure.Tests;

[Collection(UsesAzurite.Name)]
public sealed class CatalogTests(Azurite azurite) : AzuriteTest(azurite)
{
    [Fact]
    public async Task An_offer_is_created_once_read_back_and_replaced_only_at_the_version_read()
    {
        var admin = App.Get<CatalogAdmin>();

        var created = await admin.SaveOfferAsync(Offer("bag"), create: true, null, default);
        var again = await admin.SaveOfferAsync(Offer("bag"), create: true, null, default);
        var stored = await admin.GetOfferAsync("bag", default);
        var replaced = await admin.SaveOfferAsync(Offer("bag") with { Priority = 7 }, create: false, stored!.ETag, default);
        var stale = await admin.SaveOfferAsync(Offer("bag") with { Priority = 8 }, create: false, stored.ETag, default);

        Assert.Equal(CatalogWrite.Created, created.Write);
        Assert.Equal(CatalogWrite.AlreadyExists, again.Write);
        Assert.Equal(CatalogWrite.Replaced, replaced.Write);
        Assert.Equal(CatalogWrite.ETagMismatch, stale.Write);
        Assert.Equal(7, (await admin.GetOfferAsync("bag", default))!.Document.Priority);
    }

    [Fact]
    public async Task An_invalid_offer_is_refused_and_nothing_is_stored()
    {
        var admin = App.Get<CatalogAdmin>();

        var result = await admin.SaveOfferAsync(Offer("bag") with { Moments = ["checkout"] }, create: true, null, default);

        Assert.Contains(result.Errors, e => e.Field == "moments[0]");
        Assert.Empty(await admin.ListOffersAsync(default));
    }

    [Fact]
    public async Task Decisions_read_the_snapshot_not_the_table_until_it_is_refreshed()
    {
        var admin = App.Get<CatalogAdmin>();
        var snapshots = App.Get<CatalogSnapshotProvider>();
        await admin.SaveOfferAsync(Offer("bag"), create: true, null, default);
        var loaded = await snapshots.GetAsync(default);

        // A write that bypasses the admin API (another instance, say) is not seen before the refresh interval.
        var table = new TableClient(Azurite.ConnectionString, App.TablePrefix + "offers");
        await table.DeleteEntityAsync(CatalogEntity.Partition, "bag");
        Assert.Same(loaded, await snapshots.GetAsync(default));

        App.Clock.Advance(TimeSpan.FromSeconds(31));
        await snapshots.GetAsync(default);
        var refreshed = await WaitForAsync(async () => await snapshots.GetAsync(default), s => !ReferenceEquals(s, loaded));

        Assert.True(loaded.Offers.ContainsKey("bag"));
        Assert.False(refreshed.Offers.ContainsKey("bag"));
    }

    [Fact]
    public async Task An_admin_write_refreshes_the_snapshot_at_once()
    {
        var snapshots = App.Get<CatalogSnapshotProvider>();
        Assert.Empty((await snapshots.GetAsync(default)).Offers);

        await App.Get<CatalogAdmin>().SaveOfferAsync(Offer("bag"), create: true, null, default);

        Assert.True((await snapshots.GetAsync(default)).Offers.ContainsKey("bag"));
    }

    [Fact]
    public async Task Changing_an_experiments_weights_starts_a_new_phase()
    {
        var admin = App.Get<CatalogAdmin>();
        await admin.SaveOfferAsync(Offer("bag"), create: true, null, default);
        var experiment = Experiment(0.5, 0.5);

        var first = await admin.SaveExperimentAsync(experiment, create: true, null, default);
        var sameWeights = await admin.SaveExperimentAsync(experiment with { Status = "stopped", Decision = new DecisionDocument { Variant = "control", Reason = "Paused for the sale." } }, create: false, null, default);
        var newWeights = await admin.SaveExperimentAsync(Experiment(0.3, 0.7), create: false, null, default);

        Assert.Equal([1, 1, 2], new[] { first, sameWeights, newWeights }.Select(r => r.Document!.Phase!.Value));
        Assert.Equal([1, 2], newWeights.Document!.Phases!.Select(p => p.Phase));
        Assert.Equal(0.7, newWeights.Document.Phases![1].Weights.Values.Max());
    }

    [Fact]
    public async Task Stopping_and_shipping_need_the_decision_and_each_is_dated_when_made_with_the_verdict_read_then()
    {
        var admin = App.Get<CatalogAdmin>();
        await admin.SaveOfferAsync(Offer("bag"), create: true, null, default);
        var experiment = Experiment(0.5, 0.5) with { Hypothesis = "A cheaper bag sells more.", PrimaryMetric = "revenue-per-visitor" };
        await admin.SaveExperimentAsync(experiment, create: true, null, default);

        var undecided = await admin.SaveExperimentAsync(experiment with { Status = "stopped" }, create: false, null, default);
        var decision = new DecisionDocument { Variant = experiment.Variants![1].Key, Reason = "Variant wins: +12% revenue per visitor." };
        var stopped = await admin.SaveExperimentAsync(experiment with { Status = "stopped", Decision = decision }, create: false, null, default);
        App.Clock.Advance(TimeSpan.FromDays(2));
        var shipped = await admin.SaveExperimentAsync(experiment with { Status = "shipped", Decision = decision with { Verdict = "Variant b wins." } }, create: false, null, default);
        App.Clock.Advance(TimeSpan.FromDays(1));
        var resaved = await admin.SaveExperimentAsync(experiment with { Status = "shipped", Decision = decision with { Verdict = "Read again later." } }, create: false, null, default);

        Assert.Contains(undecided.Errors!, e => e.Field == "decision");
        Assert.Equal("A cheaper bag sells more.", shipped.Document!.Hypothesis);
        Assert.Equal("revenue-per-visitor", shipped.Document.PrimaryMetric);
        // Stopping and shipping are each dated when they happen, with the verdict read then; a later save keeps both.
        Assert.Equal(App.Clock.GetUtcNow() - TimeSpan.FromDays(3), stopped.Document!.Decision!.DecidedAt);
        Assert.Equal(App.Clock.GetUtcNow() - TimeSpan.FromDays(1), shipped.Document.Decision!.DecidedAt);
        Assert.Equal((shipped.Document.Decision.DecidedAt, "Variant b wins."), (resaved.Document!.Decision!.DecidedAt, resaved.Document.Decision.Verdict));
    }

    [Fact]
    public async Task An_offer_that_a_running_experiment_uses_cannot_be_deleted()
    {
        var admin = App.Get<CatalogAdmin>();
        await admin.SaveOfferAsync(Offer("bag"), create: true, null, default);
        await admin.SaveExperimentAsync(Experiment(0.5, 0.5), create: true, null, default);

        var result = await admin.DeleteOfferAsync("bag", null, default);

        Assert.Equal(CatalogWrite.AlreadyExists, result.Write);
        Assert.NotNull(await admin.GetOfferAsync("bag", default));
    }

    [Fact]
    public async Task A_second_running_experiment_on_the_same_moment_is_refused()
    {
        var admin = App.Get<CatalogAdmin>();
        await admin.SaveOfferAsync(Offer("bag"), create: true, null, default);
        await admin.SaveExperimentAsync(Experiment(0.5, 0.5), create: true, null, default);

        var second = await admin.SaveExperimentAsync(Experiment(0.5, 0.5) with { Key = "other" }, create: true, null, default);

        Assert.Contains(second.Errors, e => e.Field == "status");
    }

    [Fact]
    public async Task The_demo_catalog_seeds_a_shop_over_every_moment_and_seeding_again_changes_nothing()
    {
        var admin = App.Get<CatalogAdmin>();

        await DemoCatalogSeeder.SeedAsync(admin, default);
        var once = await App.Get<CatalogSnapshotProvider>().RefreshAsync(default);
        await DemoCatalogSeeder.SeedAsync(admin, default);
        var twice = await App.Get<CatalogSnapshotProvider>().RefreshAsync(default);

        Assert.InRange(once.Offers.Count, 20, 100);
        Assert.All(once.Offers.Values, o => Assert.Equal("EUR", o.Price.Currency));
        Assert.Equal(Enum.GetValues<Moment>().Order(), once.Offers.Values.SelectMany(o => o.Moments).Distinct().Order());
        Assert.Equal(2, Enum.GetValues<Moment>().Count(m => once.RunningExperiment(m) is not null));
        Assert.Equal(once.Offers.Keys.Order(), twice.Offers.Keys.Order());
        Assert.All(twice.Experiments.Values, e => Assert.Equal(1, e.Phase));
    }

    private static OfferDocument Offer(string id) => new()
    {
        Id = id,
        Kind = "accessory",
        Copy = new Dictionary<string, CopyDocument> { ["en"] = new() { Headline = "A bag", CallToAction = "Add", DeclineText = "No thanks" } },
        Price = new PriceDocument { Amount = 3999 },
        Moments = ["cart"],
    };

    [Fact]
    public async Task A_bandits_weights_and_their_reallocation_record_are_stored_together_or_not_at_all()
    {
        var admin = App.Get<CatalogAdmin>();
        await admin.SaveOfferAsync(Offer("bag"), create: true, null, default);
        await admin.SaveExperimentAsync(Experiment(0.5, 0.5), create: true, null, default);
        var experiments = App.Get<CatalogStore>().Experiments;
        var read = (await experiments.GetAsync("bag-price", default))!;
        var reallocations = App.Get<Bandits.ReallocationStore>();
        Bandits.ReallocationEntity Record(int minute, double control) => Bandits.ReallocationStore.Row("bag-price",
            new Bandits.Reallocation(1, TestApp.Start.AddMinutes(minute), new Dictionary<string, double> { ["control"] = control, ["cheaper"] = 1 - control }, new Dictionary<string, Bandits.ArmTotals>()));

        var first = await experiments.ReplaceWithAsync(Experiment(0.3, 0.7), read.ETag!, Record(0, 0.3), default);
        var stale = await experiments.ReplaceWithAsync(Experiment(0.2, 0.8), read.ETag!, Record(1, 0.2), default);
        var current = (await experiments.GetAsync("bag-price", default))!;
        var sameMinute = await experiments.ReplaceWithAsync(Experiment(0.1, 0.9), current.ETag!, Record(0, 0.1), default);

        Assert.Equal((CatalogWrite.Replaced, CatalogWrite.ETagMismatch, CatalogWrite.AlreadyExists), (first, stale, sameMinute));
        Assert.Equal(0.3, (await experiments.GetAsync("bag-price", default))!.Document.Variants![0].Weight);
        var recorded = Assert.Single(await reallocations.ListAsync("bag-price", 1, default));
        Assert.Equal(0.3, recorded.Weights["control"]);
        Assert.Equal(["bag-price"], (await experiments.ListAsync(default)).Select(e => e.Document.Key)); // records are not experiments
    }

    private static ExperimentDocument Experiment(double control, double treatment) => new()
    {
        Key = "bag-price",
        Moment = "cart",
        SubjectOfferId = "bag",
        Status = "running",
        Variants = [new() { Key = "control", Weight = control }, new() { Key = "cheaper", Weight = treatment, PriceMinor = 2999 }],
    };

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        for (var i = 0; i < 100; i++)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The condition did not come true within 5 s.");
    }
}
