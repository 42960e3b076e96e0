using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Application.Recording;
using Upsell.Infrastructure.Affinity;
using Upsell.Infrastructure.Orders;
using Upsell.Infrastructure.Queues;

namespace Upsell.Benchmarks;

/// <summary>
/// A bounded load: N orders of two to six lines recorded through the order recorder, 16 at a time, with co-purchase
/// counting on and, into fresh tables of the same Azurite, off; the time per order of each and what counting adds.
/// </summary>
internal static class AffinityLoad
{
    public static async Task<int> RunAsync(string storage, string[] args)
    {
        var orders = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000;
        const int parallelism = 16;
        var random = new Random(19);
        var messages = Enumerable.Range(0, orders).Select(i => Message($"order-{i}", [.. Enumerable.Range(0, random.Next(2, 7)).Select(_ => $"SKU-{(int)Math.Pow(random.Next(1, 40), 2)}").Distinct()])).ToList();

        await RunOnceAsync(storage, messages[..200], parallelism, counting: true);
        await RunOnceAsync(storage, messages[..200], parallelism, counting: false);
        var (withTime, pairs) = await RunOnceAsync(storage, messages, parallelism, counting: true);
        var (withoutTime, _) = await RunOnceAsync(storage, messages, parallelism, counting: false);
        if (pairs == 0)
        {
            Console.Error.WriteLine("Counting wrote no co-purchases");
            return 1;
        }

        Console.WriteLine($"{orders} orders of 2 to 6 lines, {parallelism} at a time, against Azurite:");
        Console.WriteLine("| recording | time | orders/s | per order |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Console.WriteLine($"| with co-purchase counting | {withTime.TotalSeconds:F2} s | {orders / withTime.TotalSeconds:F0} | {withTime.TotalMilliseconds / orders:F2} ms |");
        Console.WriteLine($"| without | {withoutTime.TotalSeconds:F2} s | {orders / withoutTime.TotalSeconds:F0} | {withoutTime.TotalMilliseconds / orders:F2} ms |");
        Console.WriteLine($"Counting adds {(withTime - withoutTime).TotalMilliseconds / orders:F2} ms of wall time per order at this parallelism ({pairs} pair counts written).");
        return 0;
    }

    private static async Task<(TimeSpan Time, long Pairs)> RunOnceAsync(string storage, List<QueueMessage> messages, int parallelism, bool counting)
    {
        await using var services = BenchServices.Build(storage, [new("Upsell:Affinity:CountCoPurchases", counting ? "true" : "false")]);
        var recorder = services.GetRequiredService<OrderRecorder>();
        var tables = services.GetRequiredService<Upsell.Infrastructure.Storage.UpsellTables>();
        await tables.OrdersAsync(default);
        var affinity = await tables.AffinityAsync(default);
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (m, ct) => await recorder.RecordAsync(m, ct));
        watch.Stop();
        long pairs = 0;
        await foreach (var row in affinity.QueryAsync<AffinityEntity>(e => e.Count > 0))
        {
            pairs += row.RowKey.StartsWith('~') ? 0 : row.Count;
        }

        return (watch.Elapsed, pairs);
    }

    private static QueueMessage Message(string orderId, IReadOnlyList<string> skus)
    {
        var now = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        var order = new OrderMessage(orderId, now, "EUR", 1_000 * skus.Count, [.. skus.Select(s => new OrderLineMessage(s, s, null, 1_000, 1))],
            new OrderCustomerMessage(null, false, "en", null, null), [], now);
        return QueuesModelFactory.QueueMessage($"m-{orderId}", "pop", new BinaryData(JsonSerializer.SerializeToUtf8Bytes(order, QueueJson.Default.OrderMessage)), 1);
    }
}
