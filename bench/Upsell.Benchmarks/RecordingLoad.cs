using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Upsell.Application.Recording;
using Upsell.Domain.Outcomes;
using Upsell.Functions.Events;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Queues;
using Upsell.Infrastructure.Shoppers;

namespace Upsell.Benchmarks;

/// <summary>
/// A bounded load: N events in queue messages of one visitor's decision each, recorded through the queue function
/// (one batch transaction per message and partition) beside the same events counted by the same rule
/// (<see cref="EventCounting"/>) and written one transaction per counted record (declines go to the shopper's
/// suppressions in both),
/// each into fresh tables of the same Azurite, with the host's parallelism. Both must end with the same counts.
/// </summary>
internal static class RecordingLoad
{
    private static readonly StatsGroup Group = new(Upsell.Domain.Offers.Moment.Cart, "bench", 1, "control", "cam-sd-card");

    public static async Task<int> RunAsync(string storage, string[] args)
    {
        var events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var perMessage = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        const int parallelism = 16;
        var messages = Messages(events, perMessage);

        await RunOnceAsync(storage, Messages(200, perMessage), parallelism, batched: true);
        await RunOnceAsync(storage, Messages(200, perMessage), parallelism, batched: false);
        var (batchedTime, batchedCounts) = await RunOnceAsync(storage, messages, parallelism, batched: true);
        var (singleTime, singleCounts) = await RunOnceAsync(storage, messages, parallelism, batched: false);
        if (batchedCounts != singleCounts || batchedCounts.Received != events)
        {
            Console.Error.WriteLine($"The two ways disagree: {batchedCounts} vs {singleCounts}");
            return 1;
        }

        Console.WriteLine($"{events} events in {messages.Count} messages of {perMessage}, {parallelism} at a time, against Azurite:");
        Console.WriteLine("| way | time | events/s |");
        Console.WriteLine("| --- | ---: | ---: |");
        Console.WriteLine($"| batched (the queue function) | {batchedTime.TotalSeconds:F2} s | {events / batchedTime.TotalSeconds:F0} |");
        Console.WriteLine($"| one write per event | {singleTime.TotalSeconds:F2} s | {events / singleTime.TotalSeconds:F0} |");
        Console.WriteLine($"Speed-up: {singleTime / batchedTime:F1}x");
        return 0;
    }

    private static async Task<(TimeSpan Time, Counters Counts)> RunOnceAsync(string storage, List<QueueMessage> messages, int parallelism, bool batched)
    {
        await using var services = BenchServices.Build(storage);
        var function = ActivatorUtilities.CreateInstance<RecordEventsFunction>(services);
        var writer = services.GetRequiredService<StatsWriter>();
        var shoppers = services.GetRequiredService<ShopperStateStore>();
        var recording = services.GetRequiredService<IOptions<RecordingOptions>>().Value;
        var traffic = services.GetRequiredService<IOptions<Upsell.Infrastructure.Traffic.TrafficOptions>>().Value;
        await services.GetRequiredService<StatsReader>().TotalAsync(Group, default);

        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (message, ct) =>
        {
            if (batched)
            {
                await function.RecordEvents(message, ct);
                return;
            }

            var batch = JsonSerializer.Deserialize(message.Body.ToMemory().Span, QueueJson.Default.EventMessage)!;
            var counting = new EventCounting(DateOnly.FromDateTime(batch.ReceivedAt.UtcDateTime), batch.ReceivedAt, recording.RevenueCapMinor, traffic.MinAcceptDelay);
            foreach (var e in batch.Events)
            {
                var token = e.Decision.ToToken()!;
                var type = Upsell.Domain.Wire.TryParse<OutcomeType>(e.Type, out var parsed) ? parsed : throw new InvalidDataException(e.Type);
                foreach (var counted in counting.CountsOf(e.Id, type, e.At, token))
                {
                    await writer.CountAsync([counted], checkFirst: false, ct);
                }

                if (type == OutcomeType.Decline)
                {
                    await shoppers.RecordDeclineAsync(token.VisitorId, token.OfferId, Upsell.Domain.Offers.OfferKind.Accessory, batch.ReceivedAt, ct);
                }
            }
        });
        watch.Stop();
        return (watch.Elapsed, await services.GetRequiredService<StatsReader>().TotalAsync(Group, default));
    }

    private static List<QueueMessage> Messages(int events, int perMessage)
    {
        // One shopper's decision: shown a few times, clicked, and at most one answer (accept, decline, dismiss).
        string[] types = ["impression", "impression", "click", "impression", "click", "accept", "impression", "impression", "click", "decline"];
        var at = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        var messages = new List<QueueMessage>();
        for (var visitor = 0; visitor * perMessage < events; visitor++)
        {
            // Issued a shopper's reading time before the events, as a real decision is.
            var decision = new QueuedDecision(Guid.NewGuid().ToString("N"), "cam-sd-card", "bench", 1, "control", "cart", $"visitor-{visitor}", $"session-{visitor}", at.AddSeconds(-10));
            var batch = Enumerable.Range(0, Math.Min(perMessage, events - (visitor * perMessage)))
                .Select(i => new QueuedEvent($"v{visitor}-e{i}", types[i % types.Length], at, decision)).ToList();
            var body = JsonSerializer.SerializeToUtf8Bytes(new EventMessage(at, batch), QueueJson.Default.EventMessage);
            messages.Add(QueuesModelFactory.QueueMessage($"m{visitor}", "pop", new BinaryData(body), 1));
        }

        return messages;
    }
}
