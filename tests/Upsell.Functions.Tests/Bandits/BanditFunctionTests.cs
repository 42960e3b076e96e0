using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Application.Catalog;
using Upsell.Functions.Bandits;
using Upsell.Infrastructure.Bandits;
using Upsell.Tests;

namespace Upsell.Functions.Tests.Bandits;

/// <summary>
/// The bandit timer against Azurite, over the demo cart experiment made a bandit and shoppers recorded through the
/// real path: it waits for the burn-in, then moves traffic to the better arm in the same phase, records each
/// reallocation once, and the report shows the weights over time, each arm's chance of being best and the call.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class BanditFunctionTests(Azurite azurite) : IAsyncLifetime
{
    private TestApp App { get; } = new(azurite, new Dictionary<string, string?> { ["Upsell:Bandits:BurnInVisitors"] = "100" });

    public async Task InitializeAsync()
    {
        await DemoCatalogSeeder.SeedAsync(App.Get<CatalogAdmin>(), default);
        var admin = App.Get<CatalogAdmin>();
        var stored = (await admin.GetExperimentAsync(Reports.Experiment, default))!.Document;
        var saved = await admin.SaveExperimentAsync(stored with { Allocation = "bandit" }, create: false, null, default);

        // Turning a fixed test into a bandit starts a new phase.
        Assert.Equal(2, saved.Document!.Phase);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Trait("Category", "Simulation")]
    [Fact]
    public async Task Before_the_burn_in_the_timer_leaves_the_weights_and_the_report_says_it_is_exploring()
    {
        await App.SeedAsync(120, (i, variant) => i % 10 < (variant == "control" ? 1 : 3));

        await RunTimerAsync();

        var report = (await App.GetAsync("experiments", key: Reports.Experiment)).Json;
        var weights = await WeightsAsync();
        Assert.Equal([0.5, 0.5], weights);
        Assert.Equal("bandit", report.GetProperty("allocation").GetString());
        Assert.Equal(0, report.GetProperty("bandit").GetProperty("reallocations").GetArrayLength());
        Assert.False(report.GetProperty("bandit").GetProperty("burnedIn").GetBoolean());
        Assert.Equal("keep-running", report.GetProperty("verdict").GetProperty("kind").GetString());
        Assert.StartsWith("Keep running: the bandit is still exploring.", report.GetProperty("verdict").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Trait("Category", "Simulation")]
    [Fact]
    public async Task After_the_burn_in_traffic_moves_to_the_better_arm_in_the_same_phase_once_per_run_and_the_report_calls_it()
    {
        await App.SeedAsync(500, (i, variant) => i % 10 < (variant == "control" ? 1 : 3));

        await RunTimerAsync();
        await RunTimerAsync();
        // Eleven days on, more shoppers, and the day ends: the call is taken on completed days.
        App.Clock.Advance(TimeSpan.FromDays(10));
        await App.SeedAsync(200, (i, variant) => i % 10 < (variant == "control" ? 1 : 3), prefix: "later-");
        await RunTimerAsync();
        App.Clock.Advance(TimeSpan.FromDays(1));

        var weights = await WeightsAsync();
        var stored = (await App.Get<CatalogAdmin>().GetExperimentAsync(Reports.Experiment, default))!.Document;
        var report = (await App.GetAsync("experiments", key: Reports.Experiment)).Json;
        var bandit = report.GetProperty("bandit");
        var reallocations = bandit.GetProperty("reallocations");
        Assert.Equal(2, stored.Phase);
        // The cart comes before the order: control keeps its guarded share, so the guardrail can see what the card costs.
        Assert.Equal(0.2, weights[0], 12);
        Assert.Equal(0.8, weights[1], 12);
        Assert.Equal(2, reallocations.GetArrayLength());
        Assert.Equal(weights[1], reallocations[1].GetProperty("weights").GetProperty("discounted").GetDouble(), 1e-12);
        Assert.Equal(TestApp.Start, reallocations[0].GetProperty("at").GetDateTimeOffset());
        Assert.True(bandit.GetProperty("burnedIn").GetBoolean());
        var arms = bandit.GetProperty("arms");
        Assert.True(arms[1].GetProperty("chanceToBeBest").GetDouble() > 0.95);
        Assert.True(arms[1].GetProperty("expectedLoss").GetDouble() < arms[0].GetProperty("expectedLoss").GetDouble());
        Assert.InRange(arms[1].GetProperty("estimate").GetDouble(), 0.25, 0.35);
        Assert.Equal("variant-wins", report.GetProperty("verdict").GetProperty("kind").GetString());
        Assert.StartsWith("Variant discounted is the best arm: its acceptance rate is above every other arm's, and the always-valid test says so (decided on day 11)", report.GetProperty("verdict").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.False(report.GetProperty("sampleRatio").GetProperty("mismatch").GetBoolean());
        Assert.Equal(0, report.GetProperty("comparisons").GetArrayLength());
        Assert.Equal(2, (await App.Get<ReallocationStore>().ListAsync(Reports.Experiment, 2, default)).Count);
    }

    [Trait("Category", "Simulation")]
    [Fact]
    public async Task A_merchant_saving_a_bandit_keeps_its_weights_and_phase_other_weights_are_refused_and_changing_its_arms_starts_a_new_phase()
    {
        await App.SeedAsync(400, (i, variant) => i % 10 < (variant == "control" ? 1 : 3));
        await RunTimerAsync();
        var admin = App.Get<CatalogAdmin>();
        var moved = (await admin.GetExperimentAsync(Reports.Experiment, default))!.Document;
        var even = new[] { moved.Variants![0] with { Weight = 0.5 }, moved.Variants[1] with { Weight = 0.5 } };

        var refused = await admin.SaveExperimentAsync(moved with { Hypothesis = "20% off sells cards", Variants = even }, create: false, null, default);
        var resaved = await admin.SaveExperimentAsync(moved with { Hypothesis = "20% off sells cards" }, create: false, null, default);
        var renamed = await admin.SaveExperimentAsync(resaved.Document! with { Variants = [even[0], even[1] with { Key = "twenty-off" }] }, create: false, null, default);

        Assert.NotEqual(0.5, moved.Variants[1].Weight);
        Assert.Equal(["variants[0].weight", "variants[1].weight"], refused.Errors.Select(e => e.Field));
        Assert.Contains($"{moved.Variants[1].Weight:0.##%} now", refused.Errors[1].Message, StringComparison.Ordinal);
        Assert.Equal((moved.Phase, moved.Variants[1].Weight, "20% off sells cards"), (resaved.Document!.Phase, resaved.Document.Variants![1].Weight, resaved.Document.Hypothesis));
        Assert.Equal((moved.Phase + 1, 0.5), (renamed.Document!.Phase, renamed.Document.Variants![1].Weight));
        Assert.Equal("bandit", renamed.Document.Phases![^1].Allocation);
    }

    [Trait("Category", "Simulation")]
    [Fact]
    public async Task A_bandit_arm_that_costs_checkouts_is_refused_held_at_the_floor_and_not_shipped()
    {
        // Two weeks in: the discounted card triples acceptance, but only those who take it still order, where eight in
        // ten of control's visitors do. The timer closes the period; the day ends; the timer runs again.
        App.Clock.Advance(TimeSpan.FromDays(13));
        var shoppers = await App.SeedAsync(600, (i, variant) => i % 10 < (variant == "control" ? 1 : 3), orders: (i, variant) => variant == "control" && i % 10 < 8);
        await RunTimerAsync();
        var guarded = await WeightsAsync();
        App.Clock.Advance(TimeSpan.FromDays(1));
        await RunTimerAsync();

        var report = (await App.GetAsync("experiments", key: Reports.Experiment)).Json;
        var verdict = report.GetProperty("verdict");
        var held = await WeightsAsync();
        Assert.Equal([0.2, 0.8], guarded);
        Assert.Equal([0.99, 0.01], held);
        Assert.Equal("variant-wins", verdict.GetProperty("kind").GetString());
        Assert.Matches(@"^Variant discounted is the best arm: .* But it costs orders: checkout completion -\d+\.\d% against control \(always-valid interval -\d+\.\d% to -\d+\.\d%\), more than the 1% allowed \(shown on day 14\)\. Do not ship it\.$",
            verdict.GetProperty("text").GetString());
        Assert.StartsWith("Not shipped: variant discounted lowers checkout completion by more than 1%", report.GetProperty("shipRefusal").GetString(), StringComparison.Ordinal);
        var guardrail = Assert.Single(report.GetProperty("guardrail").EnumerateArray());
        Assert.Equal(14, guardrail.GetProperty("refusedOnDay").GetInt32());
        Reports.AssertCompletionOf(shoppers, guardrail);
    }

    // The rollup runs every minute, the bandit timer every hour: by then the counters it reads are rolled up.
    private async Task RunTimerAsync()
    {
        await App.RollUpAsync();
        await ActivatorUtilities.CreateInstance<ReallocateBanditsFunction>(App.Services).ReallocateBandits(new TimerInfo(), default);
    }

    private async Task<double[]> WeightsAsync() =>
        [.. (await App.Get<CatalogAdmin>().GetExperimentAsync(Reports.Experiment, default))!.Document.Variants!.Select(v => v.Weight!.Value)];
}
