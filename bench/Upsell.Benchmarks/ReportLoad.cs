using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Upsell.Application.Catalog;
using Upsell.Application.Reports;
using Upsell.Domain.Offers;
using Upsell.Domain.Outcomes;
using Upsell.Infrastructure.Catalog;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Storage;

namespace Upsell.Benchmarks;

/// <summary>
/// How long the experiment report takes as recorded events grow from 10^3 to 10^7: counters seeded for 30 days of two
/// arms (the rows the recording path writes, whatever the traffic), against the naive report that reads every
/// recorded event (seeded as event rows up to a bound, since it is the one that does not scale).
/// </summary>
internal static class ReportLoad
{
    private const string Experiment = "cart-sd-card-price";
    private const int Days = 30;
    private const int Runs = 20;

    public static async Task<int> RunAsync(string storage, string[] args)
    {
        var naiveUpTo = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        Console.WriteLine($"Experiment report, 2 arms x {Days} days x 16 shards of counters; median of {Runs} runs (naive: of 3)");
        Console.WriteLine("| recorded events | report from counters | naive: read every event |");
        Console.WriteLine("| ---: | ---: | ---: |");
        for (var events = 1_000L; events <= 10_000_000L; events *= 10)
        {
            await using var services = BenchServices.Build(storage);
            await DemoCatalogSeeder.SeedAsync(services.GetRequiredService<CatalogAdmin>(), default);
            var experiment = (await services.GetRequiredService<CatalogAdmin>().GetExperimentAsync(Experiment, default))!.Document;
            var names = await SeedCountersAsync(services, events);
            var reports = services.GetRequiredService<ReportService>();
            var fromCounters = await MedianAsync(Runs, () => reports.ExperimentAsync(experiment, 1, default));
            var naive = events <= naiveUpTo ? $"{await NaiveAsync(services, names, events):N1} ms" : "(not run)";
            Console.WriteLine($"| {events:N0} | {fromCounters:N1} ms | {naive} |");
        }

        return 0;
    }

    private static async Task<IReadOnlyList<string>> SeedCountersAsync(ServiceProvider services, long events)
    {
        var shards = services.GetRequiredService<IOptions<RecordingOptions>>().Value.StatsShards;
        var table = await services.GetRequiredService<UpsellTables>().StatsAsync(default);
        var names = new[] { "control", "discounted" }.Select(v => new StatsGroup(Moment.Cart, Experiment, 1, v, "cam-sd-card").Name).ToList();
        await services.GetRequiredService<StatsIndex>().ListAsync(names.Select(n => (StatsKeys.ExperimentScope(Experiment, 1), n)), default);
        // Per visitor: an impression, and for one in ten a click, an accept and an order of 19.99.
        var perRow = events / (names.Count * shards * Days * 1.3);
        var row = new Counters
        {
            Impressions = (long)perRow,
            Visitors = (long)perRow,
            Clicks = (long)(perRow / 10),
            Accepts = (long)(perRow / 10),
            AcceptingVisitors = (long)(perRow / 10),
            Orders = (long)(perRow / 10),
            RevenueMinor = (long)(perRow / 10) * 1999,
            CappedRevenueMinor = (long)(perRow / 10) * 1999,
            CappedRevenueSquares = (long)(perRow / 10) * 1999.0 * 1999,
        };
        var start = new DateOnly(2026, 10, 26);
        await Task.WhenAll(names.SelectMany(name => Enumerable.Range(0, shards).Select(shard => table.SubmitTransactionAsync(
            Enumerable.Range(0, Days).Select(d => new TableTransactionAction(TableTransactionActionType.Add,
                CounterEntity.From(StatsKeys.Partition(name, shard), CounterEntity.DayRow(start.AddDays(d)), row))).ToList()))));
        return names;
    }

    // The naive report keeps no counters: it reads every recorded event of the experiment and counts as it goes.
    private static async Task<double> NaiveAsync(ServiceProvider services, IReadOnlyList<string> names, long events)
    {
        var table = await services.GetRequiredService<UpsellTables>().StatsAsync(default);
        var shards = services.GetRequiredService<IOptions<RecordingOptions>>().Value.StatsShards;
        var partitions = names.SelectMany(n => Enumerable.Range(0, shards).Select(s => StatsKeys.Partition(n, s))).ToList();
        await Parallel.ForEachAsync(Enumerable.Range(0, (int)(events / 100)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (batch, ct) =>
            await table.SubmitTransactionAsync(Enumerable.Range(0, 100).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new MarkerEntity
            {
                PartitionKey = partitions[batch % partitions.Count],
                RowKey = $"event|{batch}-{i}",
                Type = i % 10 == 0 ? "accept" : "impression",
                VisitorId = $"v{batch}-{i / 2}",
            })).ToList(), ct));

        return await MedianAsync(3, async () =>
        {
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            await Task.WhenAll(partitions.Select(async partition =>
            {
                await foreach (var marker in table.QueryAsync<MarkerEntity>(e => e.PartitionKey == partition && e.RowKey.CompareTo("event|") >= 0 && e.RowKey.CompareTo("event}") < 0))
                {
                    lock (counts)
                    {
                        counts[marker.Type] = counts.GetValueOrDefault(marker.Type) + 1;
                    }
                }
            }));
            return counts;
        });
    }

    private static async Task<double> MedianAsync<T>(int runs, Func<Task<T>> run)
    {
        await run();
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[runs / 2];
    }
}
