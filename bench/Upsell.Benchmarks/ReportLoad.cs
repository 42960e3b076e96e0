using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Upsell.Application.Catalog;
using Upsell.Application.Reports;
using Upsell.Domain;
using Upsell.Domain.Decisions;
using Upsell.Domain.Offers;
using Upsell.Domain.Outcomes;
using Upsell.Functions.Reports;
using Upsell.Infrastructure.Catalog;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Storage;
using Upsell.Tests;

namespace Upsell.Benchmarks;

/// <summary>
/// Every report route over 90 days of counters for 20 offers and 5 experiments (every name the routes read, each in
/// all 16 shards and several instance slots a day, as a busy shop's recording leaves them): each call's p50 and p95
/// and storage requests, reading the shards (before the rollup) and reading the rolled-up rows (after), in the same run.
/// Reading the shards takes seconds to minutes a call at this size, so it is timed once per route.
/// </summary>
internal static class ReportLoad
{
    private const int Days = 90;
    private const int Runs = 20;

    private const int BeforeRuns = 1;
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Countries = ["DE", "FR"];

    private static readonly (string Key, string Moment, string Subject, string[] Arms)[] Experiments =
    [
        ("cart-sd-card-price", "cart", "cam-sd-card", ["control", "discounted"]),
        ("shipping-express-copy", "shipping", "express-shipping", ["control", "urgency"]),
        ("payment-warranty-copy", "payment", "laptop-warranty", ["control", "urgency", "plain"]),
        ("confirmation-protection-copy", "confirmation", "camera-protection", ["control", "urgency"]),
        ("exit-kit-copy", "exit-intent", "exit-cleaning-kit", ["control", "urgency", "plain"]),
    ];

    public static async Task<int> RunAsync(string storage, string[] args)
    {
        var slots = args.Select(a => int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).FirstOrDefault(n => n > 0, 1);
        var shardsToo = !args.Contains("--rollup-only");
        var counter = new RequestCountPolicy();
        var clock = new FakeTimeProvider(Now.AddDays(-Days));
        // Reading the shards sends Azurite thousands of queries at once: each may wait its turn up to five minutes.
        await using var services = BenchServices.Build(storage, [new("Upsell:Storage:NetworkTimeoutSeconds", "300")], clock,
            s => s.Configure<TableClientOptions>("Default", o => o.AddPolicy(counter, HttpPipelinePosition.PerCall)));
        await SeedCatalogAsync(services.GetRequiredService<CatalogAdmin>());
        clock.SetUtcNow(Now);
        var watch = Stopwatch.StartNew();
        var rows = await SeedCountersAsync(services, slots);
        Console.WriteLine($"Seeded {rows:N0} counter rows ({Days} days, 16 shards, {slots} slots) in {watch.Elapsed.TotalSeconds:N0} s");

        var shardReports = ActivatorUtilities.CreateInstance<ReportService>(services, services.GetRequiredService<StatsReader>());
        var before = shardsToo ? await MeasureAsync(services, ActivatorUtilities.CreateInstance<ReportFunctions>(services, shardReports), counter, BeforeRuns) : null;

        var rollup = services.GetRequiredService<StatsRollup>();
        var (firstRun, firstRequests) = await TimeAsync(counter, () => rollup.RunAsync(default));
        clock.Advance(TimeSpan.FromMinutes(10));
        await rollup.RunAsync(default);
        var (idleRun, idleRequests) = await TimeAsync(counter, () => rollup.RunAsync(default));
        var after = await MeasureAsync(services, ActivatorUtilities.CreateInstance<ReportFunctions>(services), counter, Runs);
        // The first read of each scope after a rollup run changed it: what a merchant opening the dashboard meets.
        var reader = services.GetRequiredService<RollupReader>();
        var cold = await MeasureAsync(services, ActivatorUtilities.CreateInstance<ReportFunctions>(services), counter, Runs, reader.Invalidate);

        Console.WriteLine($"Report routes over {Days} days, 20 offers, 5 experiments; {BeforeRuns} calls each reading the shards, {Runs} reading the rollup after one warm-up");
        Console.WriteLine("| route | before: p50 | p95 | storage requests | after, first read since the rollup ran: p50 | p95 | storage requests | after, read again: p50 | p95 | storage requests |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (route, a) in after)
        {
            var (b, c) = (before?[route], cold[route]);
            Console.WriteLine($"| {route} | {(b is null ? "(not run)" : $"{b.P50:N0} ms")} | {(b is null ? "" : $"{b.P95:N0} ms")} | {(b is null ? "" : $"{b.Requests:N0}")} | {c.P50:N0} ms | {c.P95:N0} ms | {c.Requests:N0} | {a.P50:N0} ms | {a.P95:N0} ms | {a.Requests:N0} |");
        }

        Console.WriteLine($"Rollup: first run (every day of every name) {firstRun:N0} ms, {firstRequests:N0} requests; a run with nothing new {idleRun:N0} ms, {idleRequests:N0} requests");
        return 0;
    }

    private static async Task SeedCatalogAsync(CatalogAdmin admin)
    {
        var demo = DemoCatalog.Load();
        foreach (var offer in demo.Offers.Take(20).Concat(demo.Offers.Where(o => o.Id is "laptop-warranty" or "camera-protection" or "exit-cleaning-kit")).DistinctBy(o => o.Id))
        {
            Check(await admin.SaveOfferAsync(offer, create: false, ifMatch: null, default));
        }

        var template = demo.Experiments.First(e => e.Key == "shipping-express-copy");
        foreach (var (key, moment, subject, arms) in Experiments)
        {
            var experiment = demo.Experiments.FirstOrDefault(e => e.Key == key) ?? template with
            {
                Key = key,
                Moment = moment,
                SubjectOfferId = subject,
                Variants = [.. arms.Select((arm, i) => (i == 0 ? template.Variants![0] : template.Variants![1]) with { Key = arm, Weight = 1.0 / arms.Length })],
            };
            Check(await admin.SaveExperimentAsync(experiment, create: false, ifMatch: null, default));
        }
    }

    private static Moment MomentOf(string name) => Wire.TryParse<Moment>(name, out var moment) ? moment : throw new ArgumentException(name);

    private static void Check<T>(AdminResult<T> result) where T : class
    {
        if (result.IsInvalid)
        {
            throw new InvalidOperationException($"{result.Errors[0].Field} {result.Errors[0].Message}");
        }
    }

    // Every name a report route reads, each with day rows in every shard and slot: what recording leaves behind.
    private static async Task<long> SeedCountersAsync(ServiceProvider services, int slots)
    {
        var shards = services.GetRequiredService<IOptions<RecordingOptions>>().Value.StatsShards;
        var holdout = services.GetRequiredService<IOptions<DecisionOptions>>().Value.HoldoutPhase;
        var index = services.GetRequiredService<StatsIndex>();
        var names = new List<(string Name, Counters Row)>();
        foreach (var (key, moment, subject, arms) in Experiments)
        {
            var groups = arms.Select(arm => new StatsGroup(MomentOf(moment), key, 1, arm, subject).Name).ToList();
            await index.ListAsync(groups.Select(g => (StatsKeys.ExperimentScope(key, 1), g)), default);
            names.AddRange(groups.Select(g => (g, Offered(20))));
            names.AddRange(groups.SelectMany(g => new[] { (StatsKeys.Networks(g), new Counters { Visitors = 5 }), (StatsKeys.AcceptingNetworks(g), new Counters { Visitors = 1 }) }));
            names.AddRange(arms.Select(arm => (StatsKeys.Completion(key, 1, arm), new Counters { Visitors = 20, CappedRevenueMinor = 15 })));
        }

        var offers = await services.GetRequiredService<CatalogAdmin>().ListOffersAsync(default);
        names.AddRange(offers.SelectMany(o => o.Document.Moments!.Select(m => (new StatsGroup(MomentOf(m), null, null, null, o.Document.Id!).Name, Offered(10)))));
        foreach (var moment in Enum.GetValues<Moment>())
        {
            var segments = Enum.GetValues<Device>().SelectMany(d => new[] { true, false }.SelectMany(first => Countries.Select(c => StatsKeys.OfSegment(moment, new Segment(d, first, c))))).ToList();
            await index.ListAsync(segments.Select(s => (StatsKeys.SegmentScope(moment), s)), default);
            names.AddRange(segments.Select(s => (s, Offered(5))));
        }

        foreach (var scope in Wire.All<Moment>().Prepend(StatsKeys.AllMoments))
        {
            names.Add((StatsKeys.Programme(holdout, false, scope), Ordered(30)));
            names.Add((StatsKeys.Programme(holdout, true, scope), Ordered(2)));
            names.Add((StatsKeys.Shown(scope), Ordered(20)));
        }

        names.Add((StatsKeys.AllOrders, Ordered(40)));
        var table = await services.GetRequiredService<UpsellTables>().StatsAsync(default);
        var first = DateOnly.FromDateTime(Now.UtcDateTime).AddDays(1 - Days);
        var partitions = names.SelectMany(n => Enumerable.Range(0, shards).Select(shard => (Partition: StatsKeys.Partition(n.Name, shard), n.Row))).ToList();
        var done = 0;
        await Parallel.ForEachAsync(partitions, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (p, ct) =>
        {
            if (Interlocked.Increment(ref done) % 250 == 0)
            {
                Console.Error.WriteLine($"{done} of {partitions.Count} partitions");
            }

            var rows = Enumerable.Range(0, Days).SelectMany(d => Enumerable.Range(0, slots).Select(slot => CounterEntity.From(p.Partition, CounterEntity.DayRow(first.AddDays(d), slot), p.Row)));
            foreach (var batch in rows.Chunk(TableBatchLimits.MaxOperations))
            {
                await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), ct);
            }
        });
        return (long)partitions.Count * Days * slots;
    }

    // A shard's slot of a day: visitors shown an offer, one in ten accepting at 19.99.
    private static Counters Offered(int visitors) => new()
    {
        Impressions = visitors,
        Visitors = visitors,
        Clicks = visitors / 5,
        Accepts = visitors / 10,
        AcceptingVisitors = visitors / 10,
        Orders = visitors / 10,
        RevenueMinor = visitors / 10 * 1999,
        CappedRevenueMinor = visitors / 10 * 1999,
        CappedRevenueSquares = visitors / 10 * 1999.0 * 1999,
    };

    private static Counters Ordered(int visitors) => new()
    {
        Visitors = visitors,
        Orders = visitors / 4,
        RevenueMinor = visitors / 4 * 8_000,
        CappedRevenueMinor = visitors / 4 * 8_000,
        CappedRevenueSquares = visitors / 4 * 8_000.0 * 8_000,
    };

    private sealed record Figures(double P50, double P95, int Requests);

    private static async Task<Dictionary<string, Figures>> MeasureAsync(ServiceProvider services, ReportFunctions reports, RequestCountPolicy counter, int runs, Action? beforeEach = null)
    {
        var range = $"?from={Now.AddDays(1 - Days):yyyy-MM-dd}&to={Now:yyyy-MM-dd}";
        var calls = new List<(string Route, Func<Task<IActionResult>> Call)>
        {
            ("experiments (list)", () => reports.ListExperimentReports(Request(services, string.Empty), default)),
            ("offers", () => reports.GetOfferReport(Request(services, range), default)),
            ("moments", () => reports.GetMomentReport(Request(services, range), default)),
            ("holdout", () => reports.GetHoldoutReport(Request(services, range), default)),
        };
        calls.AddRange(Experiments.Select(e => ($"experiments/{e.Key}", (Func<Task<IActionResult>>)(() => reports.GetExperimentReport(Request(services, string.Empty), e.Key, default)))));
        var figures = new Dictionary<string, Figures>(StringComparer.Ordinal);
        foreach (var (route, call) in calls)
        {
            // A warm-up call first, unless each call takes seconds anyway; every call makes the same requests.
            var requests = runs >= 5 ? (await TimeAsync(counter, async () => Ok(await call()))).Requests : 0;
            var times = new List<double>(runs);
            for (var i = 0; i < runs; i++)
            {
                beforeEach?.Invoke();
                var (milliseconds, made) = await TimeAsync(counter, async () => Ok(await call()));
                times.Add(milliseconds);
                requests = made;
            }

            times.Sort();
            figures[route] = new Figures(times[runs / 2], times[(int)Math.Ceiling(runs * 0.95) - 1], requests);
            Console.Error.WriteLine($"{route}: p50 {figures[route].P50:N0} ms, p95 {figures[route].P95:N0} ms, {requests} requests");
        }

        return figures;
    }

    private static int Ok(IActionResult result) =>
        result is ObjectResult { StatusCode: null or 200 } or ContentResult { StatusCode: null or 200 } or FileContentResult
            ? 200
            : throw new InvalidOperationException($"A report answered {result}");

    private static HttpRequest Request(ServiceProvider services, string query)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "GET";
        context.Request.QueryString = new QueryString(query);
        return context.Request;
    }

    private static async Task<(double Milliseconds, int Requests)> TimeAsync<T>(RequestCountPolicy counter, Func<Task<T>> run)
    {
        var before = counter.Count;
        var watch = Stopwatch.StartNew();
        await run();
        return (watch.Elapsed.TotalMilliseconds, counter.Count - before);
    }
}
