using Azure;
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
