using System.Text.Json;
using Azure.Data.Tables;
using Upsell.Domain.FollowUps;
using Upsell.Infrastructure.FollowUps;
using Upsell.Infrastructure.Orders;
using Upsell.Infrastructure.Queues;

namespace Upsell.Functions.Tests;

/// <summary>Due follow-ups as the orders queue function writes them, stored 100 to a batch (for load tests and the benchmark).</summary>
public static class DueFollowUps
{
    public static async Task SeedAsync(TableClient table, int count, DateTimeOffset placedAt)
    {
        ArgumentNullException.ThrowIfNull(table);
        var window = new FollowUpOptions().WindowFor(placedAt);
        var lines = JsonSerializer.SerializeToUtf8Bytes<IReadOnlyList<OrderLineMessage>>(
            [new OrderLineMessage("SHOE-TRAIL", "Trail shoes", "shoes", 12900, 1)], QueueJson.Default.IReadOnlyListOrderLineMessage);
        foreach (var chunk in Enumerable.Range(0, count).Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(i => new TableTransactionAction(TableTransactionActionType.Add, new FollowUpEntity
            {
                PartitionKey = FollowUpEntity.PartitionOf(window.DueAt),
                RowKey = $"load-{i:D5}",
                Email = $"shopper{i}@example.com",
                AddressKey = EmailAddressKey.Of($"shopper{i}@example.com"),
                Locale = "en-GB",
                TimeZone = "Europe/London",
                VisitorId = $"visitor-{i}",
                Currency = "EUR",
                PlacedAt = placedAt,
                DueAt = window.DueAt,
                ExpiresAt = window.ExpiresAt,
                Lines = lines,
            })));
        }
    }
}
