using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Domain.Offers;
using Upsell.Domain.Outcomes;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Storage;
using Upsell.Tests;

namespace Upsell.Infrastructure.Tests;

/// <summary>The rows reports read hold what the shards hold, however and whenever it was counted.</summary>
[Collection(UsesAzurite.Name)]
public sealed class StatsRollupTests(Azurite azurite) : AzuriteTest(azurite)
{
    private static readonly StatsGroup Group = new(Moment.Cart, null, null, null, "cam-bag");
    private static readonly DateOnly Today = DateOnly.FromDateTime(TestApp.Start.UtcDateTime);

    [Fact]
    public async Task Each_run_brings_every_day_counted_into_since_the_last_up_to_what_the_shards_hold()
    {
        await CountAsync("a", 40, Today);
        await CountAsync("b", 25, Today.AddDays(-1));
        await RollUpAsync();
        await AssertSameAsync();

        // More the same day, a few seconds later by the same instance (whose note of the day is not due again yet).
        App.Clock.Advance(TimeSpan.FromSeconds(5));
        await CountAsync("c", 30, Today);
        await RollUpAsync();
        await AssertSameAsync();
        Assert.Equal(95, (await App.Get<RollupReader>().DailyAsync(Group.Name, Today.AddDays(-1), Today, default)).Values.Sum(c => c.Visitors));
    }

    [Fact]
    public async Task A_derived_name_read_over_a_date_range_holds_its_days()
    {
        var shown = StatsKeys.Shown("cart");
        await App.Get<StatsWriter>().CountAsync(
            Enumerable.Range(0, 12).Select(i => new Counted(null, shown, new StatsRecord(
                new Outcome($"s-{i}", OutcomeType.Impression, $"shown-{i}", Today), "d-1", "s-1", TestApp.Start, TestApp.Start))),
            checkFirst: false, default);
        await RollUpAsync();

        Assert.Equal(12, (await App.Get<RollupReader>().DailyAsync(shown, Today, Today, default))[Today].Visitors);
    }

    [Fact]
    public async Task A_day_counted_into_weeks_later_is_folded_again()
    {
        var old = Today.AddDays(-30);
        await CountAsync("a", 10, old);
        await RollUpAsync();
        App.Clock.Advance(TimeSpan.FromDays(20));
        await RollUpAsync();

        await CountAsync("late", 3, old);
        await RollUpAsync();

        Assert.Equal(13, (await App.Get<RollupReader>().DailyAsync(Group.Name, old, old, default))[old].Visitors);
    }

    [Fact]
    public async Task Outcomes_counted_by_a_try_that_stopped_before_noting_their_day_are_noted_when_they_arrive_again()
    {
        await RollUpAsync();
        await CountAsync("a", 30, Today);
        await ForgetNotesAsync();

        App.Clock.Advance(ChangedDays.NoteEvery);
        await CountAsync("a", 30, Today);
        await RollUpAsync();

        Assert.Equal(30, (await App.Get<RollupReader>().DailyAsync(Group.Name, Today, Today, default))[Today].Visitors);
    }

    [Fact]
    public async Task Days_counted_before_the_rollup_existed_are_rolled_up_on_its_first_run()
    {
        await CountAsync("a", 20, Today.AddDays(-3));
        await ForgetNotesAsync();

        await RollUpAsync();

        Assert.Equal(20, (await App.Get<RollupReader>().DailyAsync(Group.Name, DateOnly.MinValue, DateOnly.MaxValue, default)).Values.Sum(c => c.Visitors));
    }

    [Fact]
    public async Task Once_nothing_is_counted_a_run_reads_no_shard_and_a_report_reads_a_scope_once_per_rollup_run()
    {
        var counter = new RequestCountPolicy();
        await using var app = new TestApp(Azurite, services: s => s.Configure<TableClientOptions>("Default", o => o.AddPolicy(counter, HttpPipelinePosition.PerCall)));
        await CountAsync("a", 50, Today, app);
        await app.Get<StatsRollup>().RunAsync(default);
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await app.Get<StatsRollup>().RunAsync(default);

        var idleRun = await counter.CountAsync(() => app.Get<StatsRollup>().RunAsync(default));
        var rollupRead = await counter.CountAsync(() => app.Get<RollupReader>().DailyAsync(Group.Name, Today.AddDays(-89), Today, default));
        var readAgain = await counter.CountAsync(() => app.Get<RollupReader>().DailyAsync(Group.Name, Today.AddDays(-89), Today, default));
        IReadOnlyDictionary<DateOnly, Counters>? lastWeek = null;
        var narrower = await counter.CountAsync(async () => lastWeek = await app.Get<RollupReader>().DailyAsync(Group.Name, Today.AddDays(-6), Today, default));
        var shardRead = await counter.CountAsync(() => app.Get<StatsReader>().DailyAsync(Group.Name, Today.AddDays(-89), Today, default));

        // The backfill check and the list of changed days. A report's first read of a scope is the rollup's version and
        // one query, against one query per shard; until the rollup runs again, reads of it ask storage nothing.
        Assert.Equal(2, idleRun);
        Assert.Equal(2, rollupRead);
        Assert.Equal(0, readAgain);
        Assert.Equal((0, 50L), (narrower, Assert.Single(lastWeek!).Value.Visitors));
        Assert.Equal(16, shardRead);
    }

    // As if the tries that counted stopped before they noted their days.
    private async Task ForgetNotesAsync()
    {
        var table = await App.Get<UpsellTables>().StatsAsync(default);
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == ChangedDayEntity.Partition))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }
    }

    private Task<int> RollUpAsync() => App.Get<StatsRollup>().RunAsync(default);

    private async Task CountAsync(string prefix, int visitors, DateOnly day, TestApp? app = null) =>
        await (app ?? App).Get<StatsWriter>().CountAsync(
            Enumerable.Range(0, visitors).Select(i => new Counted(null, Group.Name, new StatsRecord(
                new Outcome($"{prefix}-{i}", OutcomeType.Impression, $"{prefix}-visitor-{i}", day), "d-1", "s-1", TestApp.Start, TestApp.Start))),
            checkFirst: false, default);

    private async Task AssertSameAsync()
    {
        var exact = await App.Get<StatsReader>().DailyAsync(Group.Name, DateOnly.MinValue, DateOnly.MaxValue, default);
        var rolled = await App.Get<RollupReader>().DailyAsync(Group.Name, DateOnly.MinValue, DateOnly.MaxValue, default);
        Assert.Equal(exact.OrderBy(d => d.Key), rolled.OrderBy(d => d.Key));
    }
}
