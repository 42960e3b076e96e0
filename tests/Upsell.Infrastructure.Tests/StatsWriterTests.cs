using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Domain.Offers;
using Upsell.Domain.Outcomes;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Storage;
using Upsell.Tests;

namespace Upsell.Infrastructure.Tests;

[Collection(UsesAzurite.Name)]
public sealed class StatsWriterTests(Azurite azurite) : AzuriteTest(azurite)
{
    private static readonly StatsGroup Group = new(Moment.Cart, null, null, null, "cam-bag");
    private static readonly DateOnly Day = new(2026, 11, 24);

    [Fact]
    public async Task Outcomes_that_need_more_than_one_hundred_operations_are_split_into_batches_that_fit()
    {
        var probe = new BatchProbePolicy();
        await using var app = new TestApp(Azurite, new Dictionary<string, string?> { ["Upsell:Recording:StatsShards"] = "1" },
            services => services.Configure<TableClientOptions>("Default", o => o.AddPolicy(probe, HttpPipelinePosition.PerCall)));
        var records = Enumerable.Range(0, 120).Select(i => Record($"e-{i}", OutcomeType.Impression, $"visitor-{i}")).ToList();

        await app.Get<StatsWriter>().WriteAsync(Group.PartitionKey(0), records, checkFirst: false, default);

        var total = await app.Get<StatsReader>().TotalAsync(Group, default);
        Assert.Equal((120, 120), (total.Impressions, total.Visitors));
        Assert.True(probe.BatchOperations.Count >= 3, $"{probe.BatchOperations.Count} batches");
        Assert.All(probe.BatchOperations, operations => Assert.InRange(operations, 1, TableBatchLimits.MaxOperations));
    }

    [Fact]
    public async Task A_visitor_counts_once_as_unique_however_many_impressions_and_accepts()
    {
        var writer = App.Get<StatsWriter>();
        var partition = Group.PartitionKey(StatsGroup.ShardOf("v1", 16));

        await writer.WriteAsync(partition, [Record("e-1", OutcomeType.Impression, "v1"), Record("e-2", OutcomeType.Accept, "v1")], false, default);
        await writer.WriteAsync(partition, [Record("e-3", OutcomeType.Impression, "v1"), Record("e-4", OutcomeType.Accept, "v1"), Record("o-1", OutcomeType.Order, "v1", 1999)], false, default);

        var total = await App.Get<StatsReader>().TotalAsync(Group, default);
        Assert.Equal((2, 1, 2, 1, 1, 1999), (total.Impressions, total.Visitors, total.Accepts, total.AcceptingVisitors, total.Orders, total.RevenueMinor));
    }

    [Fact]
    public async Task Azurite_rolls_back_a_failed_batch_as_Azure_does()
    {
        // The writer relies on it: a batch whose marker already exists must leave the counters untouched.
        var table = await App.Get<UpsellTables>().StatsAsync(default);
        await table.AddEntityAsync(new TableEntity("p", "day|20261124") { ["Impressions"] = 1L });
        await table.AddEntityAsync(new TableEntity("p", "event|e-1"));
        var head = (await table.GetEntityAsync<TableEntity>("p", "day|20261124")).Value;

        var failed = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("p", "day|20261124") { ["Impressions"] = 3L }, head.ETag),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", "visitor|v1") { ["Exposed"] = true }),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "event|e-2")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "event|e-1")),
        ]));

        Assert.Equal(3, failed.FailedTransactionActionIndex);
        Assert.Equal(1L, (await table.GetEntityAsync<TableEntity>("p", "day|20261124")).Value.GetInt64("Impressions"));
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "visitor|v1")).HasValue);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "event|e-2")).HasValue);
    }

    [Trait("Category", "Load")]
    [Fact]
    public async Task Sixteen_instances_writing_one_shard_at_once_count_every_outcome_once_with_exact_uniques()
    {
        var settings = new Dictionary<string, string?>(App.Settings) { ["Upsell:Recording:StatsShards"] = "1", ["Upsell:Recording:DaySlots"] = "8" };
        var writers = Enumerable.Range(0, 16).Select(_ => new TestApp(Azurite, settings)).ToList();
        var partition = Group.PartitionKey(0);
        // 16 writers, 20 messages each of 5 outcomes over 40 visitors; every message is delivered to two writers.
        var messages = Enumerable.Range(0, 320).Select(m => Enumerable.Range(0, 5).Select(e =>
            Record($"m{m}-e{e}", e == 4 ? OutcomeType.Accept : OutcomeType.Impression, $"visitor-{(m * 7 + e) % 40}")).ToList()).ToList();
        try
        {
            await Task.WhenAll(messages.Select((records, m) => Task.Run(async () =>
            {
                await writers[m % 16].Get<StatsWriter>().WriteAsync(partition, records, checkFirst: false, default);
                await writers[(m + 5) % 16].Get<StatsWriter>().WriteAsync(partition, records, checkFirst: true, default);
            })));

            var total = await writers[0].Get<StatsReader>().TotalAsync(Group, default);
            var visitors = messages.SelectMany(r => r).Select(r => r.Outcome.VisitorId).Distinct().Count();
            var accepters = messages.SelectMany(r => r).Where(r => r.Outcome.Type == OutcomeType.Accept).Select(r => r.Outcome.VisitorId).Distinct().Count();
            Assert.Equal((320 * 4, 320, visitors, accepters), (total.Impressions, total.Accepts, total.Visitors, total.AcceptingVisitors));
        }
        finally
        {
            foreach (var writer in writers)
            {
                await writer.DisposeAsync();
            }
        }
    }

    [Trait("Category", "Load")]
    [Fact]
    public async Task A_day_written_by_many_slots_reads_the_same_as_one_written_by_a_single_writer()
    {
        var records = Enumerable.Range(0, 300).Select(i => Record($"e-{i}", (OutcomeType)(i % 5), $"visitor-{i % 37}", 0))
            .Concat(Enumerable.Range(0, 40).Select(i => Record($"o-{i}", OutcomeType.Order, $"visitor-{i % 37}", 1_000 + 37 * i))).ToList();
        var single = new Dictionary<string, string?>(App.Settings) { ["Upsell:Storage:TablePrefix"] = App.TablePrefix + "a", ["Upsell:Recording:DaySlots"] = "1" };
        var many = new Dictionary<string, string?>(App.Settings) { ["Upsell:Storage:TablePrefix"] = App.TablePrefix + "b", ["Upsell:Recording:DaySlots"] = "64" };
        await using var one = new TestApp(Azurite, single);
        var slotted = Enumerable.Range(0, 8).Select(_ => new TestApp(Azurite, many)).ToList();

        foreach (var record in records)
        {
            await one.Get<StatsWriter>().WriteAsync(Group.PartitionKey(StatsGroup.ShardOf(record.Outcome.VisitorId, 16)), [record], false, default);
        }

        await Task.WhenAll(records.Select((record, i) => slotted[i % 8].Get<StatsWriter>().WriteAsync(Group.PartitionKey(StatsGroup.ShardOf(record.Outcome.VisitorId, 16)), [record], false, default)));

        var expected = await one.Get<StatsReader>().TotalAsync(Group, default);
        var actual = await slotted[0].Get<StatsReader>().TotalAsync(Group, default);
        Assert.Equal(expected, actual);
        Assert.Equal(expected, await slotted[3].Get<StatsReader>().DayAsync(Group, Day, default));
        Assert.True(slotted.Select(s => s.Get<StatsWriter>().Slot).Distinct().Count() > 1, "the writers drew one slot; the test would not show sub-rows summed");
        foreach (var app in slotted)
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Day_rows_written_before_slots_keep_counting_beside_the_new_sub_rows()
    {
        // A stats table as the previous release left it: one "day|yyyyMMdd" row, visitors without first-seen days.
        var table = await App.Get<UpsellTables>().StatsAsync(default);
        var partition = Group.PartitionKey(StatsGroup.ShardOf("v-old", 16));
        await table.AddEntityAsync(CounterEntity.From(partition, CounterEntity.DayRow(Day), new Counters { Impressions = 5, Visitors = 1, Orders = 1, RevenueMinor = 2_000 }));
        await table.AddEntityAsync(new TableEntity(partition, VisitorEntity.RowOf("v-old")) { ["Exposed"] = true, ["Accepted"] = false, ["RevenueMinor"] = 2_000L });

        await App.Get<StatsWriter>().WriteAsync(partition, [Record("e-new", OutcomeType.Impression, "v-old"), Record("e-new-2", OutcomeType.Impression, "v-new")], false, default);

        var total = await App.Get<StatsReader>().TotalAsync(Group, default);
        Assert.Equal((7, 2, 1, 2_000), (total.Impressions, total.Visitors, total.Orders, total.RevenueMinor));
        Assert.Equal(total, await App.Get<StatsReader>().DayAsync(Group, Day, default));
    }

    [Fact]
    public void A_batch_over_the_limits_is_refused_before_it_is_sent()
    {
        var tooMany = Enumerable.Range(0, 101).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i}"))).ToList();
        var twoPartitions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, new TableEntity("p", "a")), new(TableTransactionActionType.Add, new TableEntity("q", "b")) };
        var tooLarge = Enumerable.Range(0, 80).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i}") { ["Text"] = new string('x', 10_000) })).ToList();

        Assert.Throws<InvalidOperationException>(() => TableBatchLimits.Check(tooMany));
        Assert.Throws<InvalidOperationException>(() => TableBatchLimits.Check(twoPartitions));
        Assert.Throws<InvalidOperationException>(() => TableBatchLimits.Check(tooLarge));
    }

    private static StatsRecord Record(string id, OutcomeType type, string visitor, long revenue = 0) =>
        new(new Outcome(id, type, visitor, Day, revenue), "d-1", "s-1", TestApp.Start, TestApp.Start);
}
