using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Upsell.Domain.Affinity;
using Upsell.Domain.Decisions;
using Upsell.Domain.FollowUps;
using Upsell.Domain.Outcomes;
using Upsell.Domain.Validation;
using Upsell.Infrastructure.FollowUps;
using Upsell.Infrastructure.Orders;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Queues;
using Upsell.Infrastructure.Storage;
using Upsell.Infrastructure.Telemetry;

namespace Upsell.Application.Recording;

/// <summary>
/// Records one message of the orders queue: the order on its id, its follow-up when the customer consented, and
/// the upsell revenue counted for each accepted offer whose token no other order claimed first (<see cref="TokenClaims"/>), and its co-purchases (<see cref="Infrastructure.Affinity.AffinityWriter"/>). Every step is idempotent, so a redelivery finishes what an
/// interrupted delivery started and changes nothing else.
/// </summary>
public sealed partial class OrderRecorder(
    UpsellTables tables,
    StatsWriter writer,
    Infrastructure.Affinity.AffinityWriter affinity,
    Infrastructure.Shoppers.ShopperStateStore shoppers,
    IOptions<AffinityOptions> affinityOptions,
    OfferEngine engine,
    UpsellQueues queues,
    AddressBook addresses,
    TokenClaims claims,
    OrderMarkers markers,
    IOptions<RecordingOptions> recording,
    IOptions<FollowUpOptions> followUps,
    UpsellMetrics metrics,
    ILogger<OrderRecorder> logger)
{
    public async Task RecordAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (order, error) = Read(message.Body);
        if (order is null)
        {
            await queues.PoisonAsync(queues.OrdersName, message, error!, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!order.Test)
        {
            order = await ClaimTokensAsync(order, cancellationToken).ConfigureAwait(false);
        }

        if (!await StoreOrderAsync(order, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (order.Test)
        {
            await MarkTestAsync(order.OrderId, cancellationToken).ConfigureAwait(false);
            LogTest(order.OrderId);
            return;
        }

        if (order.Customer is { MarketingConsent: true, Email: { } email })
        {
            await CreateFollowUpAsync(order, email, cancellationToken).ConfigureAwait(false);
        }

        await AttributeAsync(order, message.DequeueCount > 1, cancellationToken).ConfigureAwait(false);
        if (affinityOptions.Value.CountCoPurchases)
        {
            await affinity.CountAsync(order.OrderId, order.Lines.Select(l => l.Sku), cancellationToken).ConfigureAwait(false);
        }

        metrics.OrderRecorded(attributed: order.Upsells.Count > 0);
        LogRecorded(order.OrderId, order.Upsells.Count);
    }

    // Each token attributes in the first order that carries it; in any other its line is kept as a plain line, so the
    // order is stored (and later refunded) as it counts.
    private async Task<OrderMessage> ClaimTokensAsync(OrderMessage order, CancellationToken cancellationToken)
    {
        var kept = new List<UpsellMessage>(order.Upsells.Count);
        foreach (var upsell in order.Upsells)
        {
            if (await claims.TryClaimAsync(upsell.Decision.CountKey, order.OrderId, cancellationToken).ConfigureAwait(false))
            {
                kept.Add(upsell);
            }
            else
            {
                LogClaimedElsewhere(order.OrderId, upsell.Line);
            }
        }

        return kept.Count == order.Upsells.Count ? order : order with { Upsells = kept };
    }

    // False when another order with this id but other content came first: the first one stands.
    private async Task<bool> StoreOrderAsync(OrderMessage order, CancellationToken cancellationToken)
    {
        var table = await tables.OrdersAsync(cancellationToken).ConfigureAwait(false);
        var stored = order with { Customer = order.Customer with { Email = null }, ReceivedAt = default };
        var document = JsonSerializer.SerializeToUtf8Bytes(stored, QueueJson.Default.OrderMessage);
        var hash = Convert.ToHexStringLower(SHA256.HashData(document));
        try
        {
            await table.AddEntityAsync(new OrderEntity
            {
                PartitionKey = order.OrderId,
                PlacedAt = order.PlacedAt,
                Currency = order.Currency,
                Total = order.Total,
                UpsellRevenue = order.Upsells.Sum(u => u.Revenue),
                MarketingConsent = order.Customer.MarketingConsent,
                Test = order.Test,
                ReceivedAt = order.ReceivedAt,
                ContentHash = hash,
                Document = document,
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await table.GetEntityAsync<OrderEntity>(order.OrderId, OrderEntity.Row, ["ContentHash"], cancellationToken).ConfigureAwait(false);
            if (existing.Value.ContentHash == hash)
            {
                return true;
            }

            LogConflictingResend(order.OrderId);
            return false;
        }
    }

    // Listed where operations counts them; an upsert, so a redelivery lists it once.
    private async Task MarkTestAsync(string orderId, CancellationToken cancellationToken)
    {
        var table = await tables.OrdersAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(new TableEntity(OrderEntity.TestOrders, orderId), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    // The address's link comes first, so an erasure finds every follow-up that exists.
    private async Task CreateFollowUpAsync(OrderMessage order, string email, CancellationToken cancellationToken)
    {
        var window = followUps.Value.WindowFor(order.PlacedAt);
        var partition = FollowUpEntity.PartitionOf(window.DueAt);
        var addressKey = EmailAddressKey.Of(email);
        await addresses.LinkFollowUpAsync(addressKey, order.OrderId, partition, order.Customer.VisitorId, order.PlacedAt, cancellationToken).ConfigureAwait(false);
        var table = await tables.FollowUpsAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(new FollowUpEntity
            {
                PartitionKey = partition,
                RowKey = order.OrderId,
                Email = email,
                AddressKey = addressKey,
                Locale = order.Customer.Locale,
                TimeZone = order.Customer.TimeZone,
                VisitorId = order.Customer.VisitorId,
                OrderCount = order.Customer.OrderCount,
                Currency = order.Currency,
                PlacedAt = order.PlacedAt,
                DueAt = window.DueAt,
                ExpiresAt = window.ExpiresAt,
                Lines = JsonSerializer.SerializeToUtf8Bytes(order.Lines, QueueJson.Default.IReadOnlyListOrderLineMessage),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Created by an earlier delivery; it may have moved on since, so it is left as it is.
        }
    }

    // The upsell revenue counts in each accepted offer's group and segment, the order's value in the holdout view, the
    // order as a completed checkout in every experiment arm the visitor was given, and in offer coverage.
    private async Task AttributeAsync(OrderMessage order, bool redelivered, CancellationToken cancellationToken)
    {
        var arms = order.Customer.VisitorId is { } shopper
            ? (await shoppers.LoadHistoryAsync(shopper, cancellationToken).ConfigureAwait(false)).Assignments.Values
            : [];
        var day = DateOnly.FromDateTime(order.PlacedAt.UtcDateTime);
        var caps = recording.Value;
        var counted = Attribution.OfOffers(order.Upsells.Select(u => (u.Decision.ToToken()!, u.Revenue)), order.OrderId, OutcomeType.Order, day, order.PlacedAt, order.ReceivedAt, caps.RevenueCapMinor)
            .Concat(order.Customer.VisitorId is { } visitor
                ? Attribution.OfProgramme(engine.HoldoutPhase, engine.IsHeldOut(visitor), visitor, order.OrderId, OutcomeType.Order, order.Total, day, order.PlacedAt, order.ReceivedAt, caps.OrderValueCapMinor)
                : [])
            .Concat(order.Customer.VisitorId is { } completing ? Attribution.OfCompletion(arms, completing, order.OrderId, day, order.PlacedAt, order.ReceivedAt) : [])
            .Concat(Attribution.OfCoverage(order.Customer.VisitorId, order.OrderId, day, order.PlacedAt, order.ReceivedAt))
            .ToList();
        await markers.NoteAsync(order.OrderId, counted.Select(writer.PartitionOf), cancellationToken).ConfigureAwait(false);
        await writer.CountAsync(counted, redelivered, cancellationToken).ConfigureAwait(false);
    }

    private static (OrderMessage? Order, string? Error) Read(BinaryData body)
    {
        try
        {
            var order = JsonSerializer.Deserialize(body.ToMemory().Span, QueueJson.Default.OrderMessage);
            if (order is null || !Fields.IsId(order.OrderId) || order.Lines is null || order.Customer is null || order.Upsells is null)
            {
                return (null, "not a complete order");
            }

            if (order.Upsells.Any(u => u?.Decision?.ToToken() is null || u.Revenue < 0))
            {
                return (null, $"order {order.OrderId} has a malformed upsell");
            }

            return (order, null);
        }
        catch (JsonException e)
        {
            return (null, $"not an order message: {e.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recorded order {OrderId} with {Upsells} upsell lines")]
    private partial void LogRecorded(string orderId, int upsells);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kept test order {OrderId}: it counts nowhere and gets no follow-up")]
    private partial void LogTest(string orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} line {Line} carries a decision token another order attributed first; the line counts as a plain line")]
    private partial void LogClaimedElsewhere(string orderId, int line);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} was sent again with other content; the first version is kept")]
    private partial void LogConflictingResend(string orderId);
}
