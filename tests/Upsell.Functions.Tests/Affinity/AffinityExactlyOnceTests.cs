using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Infrastructure.Affinity;
using Upsell.Infrastructure.Storage;
using Upsell.Tests;

namespace Upsell.Functions.Tests.Affinity;

/// <summary>
/// Co-purchase counts are exact: 300 orders recorded once against healthy storage, and the same orders each
/// delivered twice, eight at a time, with about 10% of table calls failing (503s, timeouts, and timeouts after the
/// write was committed), give the same counts row for row.
/// </summary>
[Collection(UsesAzurite.Name)]
[Trait("Category", "Simulation")]
public sealed class AffinityExactlyOnceTests(Azurite azurite) : AzuriteTest(azurite)
{
    [Fact]
    public async Task Redelivered_orders_under_injected_storage_faults_count_as_one_clean_run()
    {
        var shop = new SyntheticShop();
        var random = new Random(7);
        // A small shop, so concurrent orders meet on the same counts.
        var orders = Enumerable.Range(0, 300).Select(i => SyntheticShop.Message($"order-{i}", [.. shop.Basket(random).Select(s => s[..3])])).ToList();
        Assert.True(orders.Count(o => o.Body.ToString().Split("\"sku\"").Length > 3) > 100, "too few orders with several products");

        var faults = new FaultInjectionPolicy(seed: 20261201, rate: 0.10);
        var settings = App.Settings.Where(s => s.Key != "Upsell:Storage:TablePrefix")
            .Append(new("Upsell:Storage:TablePrefix", App.TablePrefix + "f"))
            .Append(new("Upsell:Storage:MaxRetries", "2"));
        await using var faulty = new TestApp(Azurite, settings, services =>
            services.Configure<TableClientOptions>("Default", options => options.AddPolicy(faults, HttpPipelinePosition.PerRetry)));
        // The tables exist before the faults start, as after the first healthy minutes of a deployment.
        await DumpAsync(faulty);
        await faulty.Get<UpsellTables>().OrdersAsync(default);

        await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (m, _) => await App.RecordOrderAsync(m));
        faults.Enabled = true;
        var redeliveries = 0;
        await Parallel.ForEachAsync(orders.Concat(orders), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (m, _) =>
        {
            for (var dequeueCount = 1; ; dequeueCount++)
            {
                try
                {
                    await faulty.RecordOrderAsync(m.Redelivered(dequeueCount));
                    return;
                }
                catch (Exception) when (dequeueCount < 50)
                {
                    Interlocked.Increment(ref redeliveries);
                }
            }
        });
        faults.Enabled = false;

        Assert.True(faults.TimedOutAfterCommit > 20, $"only {faults.TimedOutAfterCommit} timeouts after commit");
        Assert.True(redeliveries > 0, "no order needed a redelivery; the test would not show it");
        var expected = await DumpAsync(App);
        Assert.Equal(orders.Count, expected.Where(r => r.Contains(" ~total ", StringComparison.Ordinal)).Sum(r => long.Parse(r.Split("Count=")[1], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(expected, await DumpAsync(faulty));
    }

    // Every count and marker, without what storage stamps on it (ETag, Timestamp) or when it was counted.
    private static async Task<List<string>> DumpAsync(TestApp app)
    {
        var table = await app.Get<UpsellTables>().AffinityAsync(default);
        var rows = new List<string>();
        await foreach (var row in table.QueryAsync<AffinityEntity>())
        {
            rows.Add($"{row.PartitionKey} {row.RowKey} Count={row.Count}");
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
