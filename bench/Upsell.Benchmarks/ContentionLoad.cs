using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Domain.Offers;
using Upsell.Domain.Outcomes;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Storage;
using Upsell.Tests;

namespace Upsell.Benchmarks;

/// <summary>
/// Recording under contention: 10,000 events of one experiment arm (25 per message, 1,000 visitors, 16 shards) with
/// 1 to 16 messages in flight, 6 ms added to each read and 12 ms to each batch to imitate Azure's round trips. This
/// design (one instance: group commit per partition, its own day slot) beside the previous one (every message its
/// own writer on one shared day row per shard). Every run must be exact: markers, counters and unique visitors.
/// </summary>
internal static class ContentionLoad
{
    private static readonly StatsGroup Arm = new(Moment.Cart, "bench", 1, "control", "cam-sd-card");

    public static async Task<int> RunAsync(string storage, string[] args)
    {
        var events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var messages = Messages(events, perMessage: 25, visitors: 1_000);
        Console.WriteLine($"{events} events, 25 per message, 1,000 visitors of one arm, 16 shards; +6 ms per read, +12 ms per batch:");
        Console.WriteLine("| design | messages in flight | events/s | conflicts per 1,000 events | failed batches | entities per event | exact |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        var exact = true;
        foreach (var shared in new[] { false, true })
        {
            foreach (var inFlight in new[] { 1, 4, 8, 16 })
            {
                var run = await RunOnceAsync(storage, messages, inFlight, shared);
                exact &= run.Exact;
                Console.WriteLine($"| {(shared ? "shared day row (previous)" : "group commit + slots")} | {inFlight} | {events / run.Seconds:F0} | {run.Conflicts * 1000.0 / events:F1} | {run.FailedShare:P0} | {run.EntitiesPerEvent:F2} | {(run.Exact ? "yes" : "NO")} |");
            }
        }

        return exact ? 0 : 1;
    }

    private static async Task<(double Seconds, int Conflicts, double FailedShare, double EntitiesPerEvent, bool Exact)> RunOnceAsync(string storage, List<List<Counted>> messages, int inFlight, bool shared)
    {
        var probe = new RoundTrips();
        var batches = new BatchProbePolicy();
        var settings = new Dictionary<string, string?> { ["Upsell:Storage:TablePrefix"] = "c" + Guid.NewGuid().ToString("N")[..12], ["Upsell:Recording:DaySlots"] = shared ? "1" : "8" };
        var apps = Enumerable.Range(0, shared ? inFlight : 1).Select(_ => BenchServices.Build(storage, settings,
            configure: s => s.Configure<TableClientOptions>("Default", o =>
            {
                o.AddPolicy(probe, HttpPipelinePosition.PerRetry);
                o.AddPolicy(batches, HttpPipelinePosition.PerRetry);
            }))).ToList();
        try
        {
            var writers = apps.Select(a => a.GetRequiredService<StatsWriter>()).ToList();
            await apps[0].GetRequiredService<UpsellTables>().StatsAsync(default);
            probe.Enabled = true;
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(messages.Select((m, i) => (m, i)), new ParallelOptions { MaxDegreeOfParallelism = inFlight },
                async (message, ct) => await writers[message.i % writers.Count].CountAsync(message.m, checkFirst: false, ct));
            var seconds = watch.Elapsed.TotalSeconds;
            probe.Enabled = false;

            var all = messages.SelectMany(m => m).ToList();
            var total = await apps[0].GetRequiredService<StatsReader>().TotalAsync(Arm, default);
            var table = await apps[0].GetRequiredService<UpsellTables>().StatsAsync(default);
            var markers = 0;
            await foreach (var _ in table.QueryAsync<TableEntity>(e => e.RowKey.CompareTo("event|") >= 0 && e.RowKey.CompareTo("event}") < 0, select: ["RowKey"]))
            {
                markers++;
            }

            var exact = markers == all.Count && total.Impressions + total.Clicks + total.Accepts == all.Count
                && total.Visitors == all.Select(c => c.Record.Outcome.VisitorId).Distinct().Count();
            var sent = batches.BatchOperations;
            return (seconds, probe.Conflicts, sent.Count == 0 ? 0 : probe.Conflicts / (double)sent.Count, sent.Sum() / (double)all.Count, exact);
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
        }
    }

    private static List<List<Counted>> Messages(int events, int perMessage, int visitors)
    {
        var random = new Random(20261201);
        var day = new DateOnly(2026, 11, 24);
        var at = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        return [.. Enumerable.Range(0, events / perMessage).Select(m => Enumerable.Range(0, perMessage).Select(e =>
        {
            var roll = random.Next(10);
            var type = roll < 7 ? OutcomeType.Impression : roll < 9 ? OutcomeType.Click : OutcomeType.Accept;
            var visitor = $"visitor-{random.Next(visitors)}";
            return new Counted(null, Arm.Name, new StatsRecord(new Outcome($"m{m}-e{e}", type == OutcomeType.Impression || e == 0 ? OutcomeType.Impression : type, visitor, day), "d", "s", at, at));
        }).ToList())];
    }

    // Azure's round trips on loopback: reads wait 6 ms, batches 12 ms; counts the batches storage refused for a
    // conflict (409 or 412 inside the batch's answer). BatchProbePolicy counts the operations sent.
    private sealed class RoundTrips : HttpPipelinePolicy
    {
        private int _conflicts;

        public bool Enabled { get; set; }

        public int Conflicts => _conflicts;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var batch = message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal);
            if (Enabled)
            {
                await Task.Delay(batch ? 12 : 6).ConfigureAwait(false);
            }

            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            var answer = Enabled && batch ? message.Response.Content.ToString() : string.Empty;
            if (answer.Contains("HTTP/1.1 409", StringComparison.Ordinal) || answer.Contains("HTTP/1.1 412", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _conflicts);
            }
        }
    }
}
