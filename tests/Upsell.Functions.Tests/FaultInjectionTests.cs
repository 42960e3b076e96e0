using System.Text.Json;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Application.Catalog;
using Upsell.Domain.Offers;
using Upsell.Infrastructure.Orders;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Queues;
using Upsell.Infrastructure.Storage;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>
/// The same deliveries recorded twice: once against healthy storage, once with about 10% of table calls failing
/// (503s, timeouts, and timeouts after the write was committed). What is stored must be identical.
/// </summary>
[Collection(UsesAzurite.Name)]
[Trait("Category", "Simulation")]
public sealed class FaultInjectionTests(Azurite azurite) : AzuriteTest(azurite)
{
    private static readonly (Moment Moment, string Offer, string? Experiment, string[] Variants)[] Groups =
    [
        (Moment.Cart, "cam-sd-card", "cart-sd-card-price", ["control", "discounted"]),
        (Moment.Shipping, "express-shipping", "shipping-express-copy", ["control", "urgency"]),
        (Moment.Payment, "laptop-warranty", null, []),
    ];

    [Fact]
    public async Task Counts_under_injected_storage_faults_equal_the_fault_free_run_exactly()
    {
        await DemoCatalogSeeder.SeedAsync(App.Get<CatalogAdmin>(), default);
        var (events, orders, eventCount) = Deliveries();
        Assert.True(eventCount >= 2_000);

        var faults = new FaultInjectionPolicy(seed: 20261124, rate: 0.10);
        var settings = App.Settings.Where(s => s.Key != "Upsell:Storage:TablePrefix")
            .Append(new("Upsell:Storage:TablePrefix", App.TablePrefix + "f"))
            .Append(new("Upsell:Storage:MaxRetries", "2"));
        await using var faulty = new TestApp(Azurite, settings, services =>
            services.Configure<TableClientOptions>("Default", options => options.AddPolicy(faults, HttpPipelinePosition.PerRetry)));
        await DemoCatalogSeeder.SeedAsync(faulty.Get<CatalogAdmin>(), default);
        await DumpAsync(faulty); // creates the tables, as the first healthy minutes of a deployment would
        faults.Enabled = true;

        var healthyRedeliveries = await DeliverAsync(App, events, orders);
        var faultyRedeliveries = await DeliverAsync(faulty, events, orders);
        faults.Enabled = false;

        Assert.Equal(0, healthyRedeliveries);
        Assert.InRange(faults.Rejected + faults.TimedOutBefore + faults.TimedOutAfterCommit, faults.Calls * 0.07, faults.Calls * 0.13);
        Assert.True(faults.TimedOutAfterCommit > 50, $"only {faults.TimedOutAfterCommit} timeouts after commit");
        Assert.True(faultyRedeliveries > 0, "no message needed the host's redelivery; the test would not show it");

        var expected = await DumpAsync(App);
        // Every event id is received once; what counts is each token's first event of each type.
        Assert.Equal(eventCount, expected.Count(row => row.StartsWith("stats received|", StringComparison.Ordinal)));
        var actual = await DumpAsync(faulty);
        // The days noted for the rollup may be more under faults (a redelivery notes what it finds recorded), never fewer.
        static bool Noted(string row) => row.Contains($" @{ChangedDayEntity.Partition}:", StringComparison.Ordinal);
        Assert.Contains(expected, Noted);
        Assert.Empty(expected.Where(Noted).Except(actual.Where(Noted)));
        expected.RemoveAll(Noted);
        actual.RemoveAll(Noted);
        Assert.True(expected.SequenceEqual(actual),
            $"only healthy:\n{string.Join('\n', expected.Except(actual).Take(20))}\nonly under faults:\n{string.Join('\n', actual.Except(expected).Take(20))}");
    }

    // Messages of one to five events per visitor and decision, a tenth of them delivered twice; orders with upsells.
    private static (List<QueueMessage> Events, List<QueueMessage> Orders, int EventCount) Deliveries()
    {
        var random = new Random(42);
        var signerFree = new List<QueueMessage>();
        var orders = new List<QueueMessage>();
        var count = 0;
        string[] types = ["click", "accept", "decline", "dismiss", "impression"];
        for (var visitor = 0; count < 2_100; visitor++)
        {
            var (moment, offer, experiment, variants) = Groups[visitor % Groups.Length];
            var variant = experiment is null ? null : variants[random.Next(variants.Length)];
            var decision = new QueuedDecision(Guid.NewGuid().ToString("N"), offer, experiment, experiment is null ? null : 1, variant,
                Domain.Wire.Name(moment), $"visitor-{visitor}", $"session-{visitor}", TestApp.Start);
            var size = random.Next(1, 6);
            var batch = Enumerable.Range(0, size).Select(i => new QueuedEvent($"v{visitor}-e{i}", i == 0 ? "impression" : types[random.Next(types.Length)], TestApp.Start, decision)).ToList();
            count += size;
            var message = Outcomes.EventMessage(new EventMessage(TestApp.Start.AddMinutes(visitor % 1_500), batch));
            signerFree.Add(message);
            if (random.Next(10) == 0)
            {
                signerFree.Add(message.Redelivered(2));
            }

            if (visitor % 7 == 0)
            {
                var order = new OrderMessage($"order-{visitor}", TestApp.Start.AddMinutes(30), "EUR", 10_000,
                    [new OrderLineMessage("SKU-1", "Main item", null, 7_500, 1), new OrderLineMessage("UP-1", "Upsell", null, 2_500, 1)],
                    new OrderCustomerMessage($"buyer{visitor}@example.com", visitor % 2 == 0, "de-DE", "Europe/Berlin", $"visitor-{visitor}"),
                    [new UpsellMessage(1, decision, 2_500)], TestApp.Start.AddMinutes(31));
                orders.Add(QueuesModelFactory.QueueMessage($"om-{visitor}", "pop", new BinaryData(JsonSerializer.SerializeToUtf8Bytes(order, QueueJson.Default.OrderMessage)), 1));
            }
        }

        return (signerFree, orders, count);
    }

    // As the host does: a message whose function throws comes back later with its dequeue count raised.
    private static async Task<int> DeliverAsync(TestApp app, List<QueueMessage> events, List<QueueMessage> orders)
    {
        var redeliveries = 0;
        async Task Deliver(QueueMessage message, Func<QueueMessage, Task> record)
        {
            for (var dequeueCount = message.DequeueCount; ; dequeueCount++)
            {
                try
                {
                    await record(message.Redelivered(dequeueCount));
                    return;
                }
                catch (Exception) when (dequeueCount < message.DequeueCount + 50)
                {
                    Interlocked.Increment(ref redeliveries);
                }
            }
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = 8 };
        await Parallel.ForEachAsync(events, options, async (m, _) => await Deliver(m, app.RecordEventsAsync));
        await Parallel.ForEachAsync(orders, options, async (m, _) => await Deliver(m, app.RecordOrderAsync));
        return redeliveries;
    }

    // Every stored row, without what storage stamps on it (ETag, Timestamp).
    private static async Task<List<string>> DumpAsync(TestApp app)
    {
        var tables = app.Get<UpsellTables>();
        var rows = new List<string>();
        foreach (var (name, table) in new[]
        {
            ("stats", await tables.StatsAsync(default)),
            ("suppressions", await tables.SuppressionsAsync(default)),
            ("orders", await tables.OrdersAsync(default)),
            ("followups", await tables.FollowUpsAsync(default)),
            ("affinity", await tables.AffinityAsync(default)),
        })
        {
            await foreach (var row in table.QueryAsync<TableEntity>())
            {
                var values = row.Where(p => p.Key is not ("odata.etag" or "Timestamp" or "PartitionKey" or "RowKey"))
                    .OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => $"{p.Key}={(p.Value is byte[] bytes ? Convert.ToBase64String(bytes) : p.Value)}");
                // Each instance writes its own day sub-row; which slot it drew is not what is compared.
                var rowKey = row.RowKey.StartsWith(CounterEntity.DayPrefix, StringComparison.Ordinal) ? row.RowKey[..(CounterEntity.DayPrefix.Length + 8)] : row.RowKey;
                rows.Add($"{name} {rowKey} @{row.PartitionKey}: {string.Join(", ", values)}");
            }
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
