using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Functions.FollowUps;
using Upsell.Infrastructure.FollowUps;
using Upsell.Infrastructure.Storage;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>Orders placed through the webhook and recorded by the queue function, timer runs, and the rows they leave.</summary>
internal static class FollowUps
{
    public static object Order(string orderId, DateTimeOffset placedAt, string? email = "ada@example.com", bool consent = true,
        string? timeZone = "Europe/Berlin", string? locale = "de-DE", string visitorId = "visitor-1", params object[] lines) => new
        {
            orderId,
            placedAt,
            currency = "EUR",
            total = 12900,
            lines = lines.Length > 0 ? lines : [Outcomes.Line("SHOE-TRAIL", "Trail shoes", 12900)],
            customer = new { email, marketingConsent = consent, locale, timeZone, visitorId },
        };

    /// <summary>Posts a signed order at its placed-at time and records it from the queue, as the backend and the host would.</summary>
    public static Task PlaceAsync(this TestApp app, object order) =>
        app.PlaceAsync(order, (DateTimeOffset)order.GetType().GetProperty("placedAt")!.GetValue(order)!);

    public static async Task PlaceAsync(this TestApp app, object order, DateTimeOffset placedAt)
    {
        if (placedAt > app.Clock.GetUtcNow())
        {
            app.Clock.SetUtcNow(placedAt);
        }

        var response = await app.PostOrderAsync(order);
        Assert.Equal(202, response.Status);
        foreach (var message in await app.OrderMessagesAsync())
        {
            await app.RecordOrderAsync(message);
        }
    }

    /// <summary>One timer run, through the function the host calls.</summary>
    public static Task RunTimerAsync(this TestApp app) =>
        ActivatorUtilities.CreateInstance<SendFollowUpsFunction>(app.Services).SendFollowUps(new TimerInfo(), default);

    public static async Task RunTimerAtAsync(this TestApp app, DateTimeOffset at)
    {
        app.Clock.SetUtcNow(at);
        await app.RunTimerAsync();
    }

    public static async Task<FollowUpEntity?> FollowUpAsync(this TestApp app, string orderId)
    {
        var table = await app.Get<UpsellTables>().FollowUpsAsync(default);
        await foreach (var row in table.QueryAsync<FollowUpEntity>(e => e.RowKey == orderId))
        {
            return row;
        }

        return null;
    }

    public static async Task<int> CountAsync(this TestApp app, Func<UpsellTables, CancellationToken, Task<TableClient>> table)
    {
        var client = await table(app.Get<UpsellTables>(), default);
        var count = 0;
        await foreach (var _ in client.QueryAsync<TableEntity>(select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }

    /// <summary>The orders recorded: the order rows of the orders table, not the token claims and refund notes beside them.</summary>
    public static async Task<int> OrdersRecordedAsync(this TestApp app)
    {
        var client = await app.Get<UpsellTables>().OrdersAsync(default);
        var count = 0;
        await foreach (var _ in client.QueryAsync<TableEntity>(e => e.RowKey == Infrastructure.Orders.OrderEntity.Row, select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }

    /// <summary>The token of an https unsubscribe link such as the List-Unsubscribe header carries.</summary>
    public static string TokenOf(string link)
    {
        var query = new Uri(link.Trim('<', '>')).Query.TrimStart('?');
        return Uri.UnescapeDataString(query.Split('&').Single(p => p.StartsWith("token=", StringComparison.Ordinal))["token=".Length..]);
    }

    public static string HttpsLink(string listUnsubscribe) =>
        listUnsubscribe.Split(", ").Single(l => l.StartsWith("<https://", StringComparison.Ordinal)).Trim('<', '>');

}
