using System.Text.Json;
using Azure.Storage.Queues.Models;
using Upsell.Infrastructure.Orders;
using Upsell.Infrastructure.Queues;
using Upsell.Tests;

namespace Upsell.Functions.Tests.Affinity;

/// <summary>
/// A seeded shop of 240 products with Zipf-like popularity, three staples bought with almost everything, and 20
/// anchor products each with two true companions bought with it far above their base rate.
/// </summary>
internal sealed class SyntheticShop
{
    public const int Products = 240;

    private readonly double[] _cumulative;

    public SyntheticShop()
    {
        var weights = Enumerable.Range(0, Products).Select(i => i < Staples.Length ? 0 : 1.0 / (i - Staples.Length + 1)).ToArray();
        var total = weights.Sum();
        var running = 0.0;
        _cumulative = [.. weights.Select(w => running += w / total)];
    }

    public static string Sku(int i) => $"P{i:000}";

    public static readonly string[] Staples = [Sku(0), Sku(1), Sku(2)];

    /// <summary>Anchor i (a mid-popularity product) and its two companions (rare products).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Companions =
        Enumerable.Range(0, 20).ToDictionary(i => Sku(20 + i), i => new[] { Sku(100 + 2 * i), Sku(101 + 2 * i) });

    public static bool IsCompanion(string anchor, string sku) => Companions.TryGetValue(anchor, out var c) && c.Contains(sku);

    /// <summary>A basket: one to three products by popularity (an anchor a sixth of the time), the staples often, the companions of any anchor in it.</summary>
    public List<string> Basket(Random random)
    {
        var basket = new List<string>();
        if (random.Next(6) == 0)
        {
            basket.Add(Sku(20 + random.Next(20)));
        }

        for (var n = 1 + random.Next(3); n > 0; n--)
        {
            basket.Add(Sku(Array.FindIndex(_cumulative, c => c >= random.NextDouble())));
        }

        basket.AddRange(Staples.Where(_ => random.NextDouble() < 0.6));
        foreach (var anchor in basket.Where(Companions.ContainsKey).ToList())
        {
            basket.AddRange(Companions[anchor].Where(_ => random.NextDouble() < 0.45));
        }

        return [.. basket.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>An order message as the order webhook queues it.</summary>
    public static QueueMessage Message(string orderId, IReadOnlyList<string> basket, int dequeueCount = 1)
    {
        var order = new OrderMessage(orderId, TestApp.Start, "EUR", 1_000 * basket.Count,
            [.. basket.Select(s => new OrderLineMessage(s, s, null, 1_000, 1))],
            new OrderCustomerMessage(null, false, "en", null, null), [], TestApp.Start);
        return QueuesModelFactory.QueueMessage($"m-{orderId}", "pop", new BinaryData(JsonSerializer.SerializeToUtf8Bytes(order, QueueJson.Default.OrderMessage)), dequeueCount);
    }
}
