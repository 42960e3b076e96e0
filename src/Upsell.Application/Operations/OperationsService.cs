using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Upsell.Domain.FollowUps;
using Upsell.Infrastructure.Catalog;
using Upsell.Infrastructure.FollowUps;
using Upsell.Infrastructure.Orders;
using Upsell.Infrastructure.Queues;
using Upsell.Infrastructure.Storage;

namespace Upsell.Application.Operations;

/// <summary>
/// The operator's view and tool: queue and poison depths, follow-ups by status, the catalog snapshot's age; and
/// replay, which moves poison messages back to their queue. A replayed message is sent to its queue before it is
/// deleted from the poison queue, so none is lost; were the delete to fail, the message would be replayed again
/// later, and recording, idempotent on the message's own ids, would still count it once. Poison messages are read
/// and moved as the text stored (<paramref name="raw"/>), never decoded: one that is not base64, which the queue
/// trigger could never read, is named in the report, stays parked, and is visible again when the replay ends.
/// </summary>
public sealed partial class OperationsService(
    UpsellQueues queues,
    QueueServiceClient raw,
    UpsellTables tables,
    CatalogSnapshotProvider catalog,
    AddressBook addresses,
    TimeProvider time,
    IOptions<FollowUpOptions> followUps,
    ILogger<OperationsService> logger)
{
    private const int ReceiveBatch = 32;

    // How long a received poison message stays hidden if a replay dies before it has moved or released it.
    private static readonly TimeSpan ReplayHold = TimeSpan.FromSeconds(30);

    /// <summary>The queues by the name an operator uses: events, orders, refunds, erasures.</summary>
    public IReadOnlyDictionary<string, string> QueueNames { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["events"] = queues.EventsName,
        ["orders"] = queues.OrdersName,
        ["refunds"] = queues.RefundsName,
        ["erasures"] = queues.ErasuresName,
    };

    public async Task<OperationsReport> ReportAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var health = await Task.WhenAll(QueueNames.Select(q => HealthAsync(q.Key, q.Value, now, cancellationToken))).ConfigureAwait(false);
        var (from, to) = (DateOnly.FromDateTime(now.UtcDateTime).AddDays(-followUps.Value.LookbackDays), DateOnly.FromDateTime(now.UtcDateTime).AddDays(3));
        var statuses = await FollowUpsByStatusAsync(from, to, cancellationToken).ConfigureAwait(false);
        var loadedAt = catalog.LoadedAt;
        var suppressed = await addresses.SuppressedAsync(cancellationToken).ConfigureAwait(false);
        return new OperationsReport(now, health, from, to, statuses, loadedAt is { } at ? (now - at).TotalSeconds : null, await TestOrdersAsync(cancellationToken).ConfigureAwait(false),
            new EmailSuppressions(suppressed.GetValueOrDefault("bounce"), suppressed.GetValueOrDefault("dropped"), suppressed.GetValueOrDefault("spamreport"), suppressed.GetValueOrDefault("unsubscribed")));
    }

    private async Task<int> TestOrdersAsync(CancellationToken cancellationToken)
    {
        var table = await tables.OrdersAsync(cancellationToken).ConfigureAwait(false);
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(e => e.PartitionKey == OrderEntity.TestOrders, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }

    /// <summary>Moves up to <paramref name="max"/> poison messages of the named queue back to it; null for an unknown name.</summary>
    public async Task<ReplayResult?> ReplayAsync(string name, int max, CancellationToken cancellationToken)
    {
        if (!QueueNames.TryGetValue(name, out var queueName))
        {
            return null;
        }

        var poison = await RawAsync(queueName + UpsellQueues.PoisonSuffix, cancellationToken).ConfigureAwait(false);
        var target = await RawAsync(queueName, cancellationToken).ConfigureAwait(false);
        var (moved, undecodable) = (0, 0);
        var held = new List<QueueMessage>(); // received and not deleted: made visible again however the replay ends
        try
        {
            while (moved < max)
            {
                var batch = (await poison.ReceiveMessagesAsync(Math.Min(ReceiveBatch, max - moved), ReplayHold, cancellationToken).ConfigureAwait(false)).Value;
                if (batch.Length == 0)
                {
                    break;
                }

                held.AddRange(batch);
                foreach (var message in batch)
                {
                    if (!IsBase64(message.Body))
                    {
                        undecodable++;
                        continue;
                    }

                    await target.SendMessageAsync(message.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
                    await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
                    held.Remove(message);
                    moved++;
                }
            }
        }
        finally
        {
            foreach (var message in held)
            {
                await poison.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
        }

        var remaining = (await poison.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount;
        LogReplayed(moved, queueName, remaining, undecodable);
        return new ReplayResult(name, queueName, moved, remaining, undecodable);
    }

    // The queue trigger reads base64 text; anything else it can never deliver.
    private static bool IsBase64(BinaryData body)
    {
        var text = body.ToString();
        return Convert.TryFromBase64String(text, new byte[text.Length], out _);
    }

    private async Task<QueueClient> RawAsync(string queueName, CancellationToken cancellationToken)
    {
        await queues.GetAsync(queueName, cancellationToken).ConfigureAwait(false); // created if it was not
        return raw.GetQueueClient(queueName);
    }

    private async Task<QueueHealth> HealthAsync(string name, string queueName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var queue = await queues.GetAsync(queueName, cancellationToken).ConfigureAwait(false);
        var poison = await RawAsync(queueName + UpsellQueues.PoisonSuffix, cancellationToken).ConfigureAwait(false);
        var depth = queue.GetPropertiesAsync(cancellationToken);
        var poisonDepth = poison.GetPropertiesAsync(cancellationToken);
        var oldest = poison.PeekMessagesAsync(ReceiveBatch, cancellationToken);
        await Task.WhenAll(depth, poisonDepth, oldest).ConfigureAwait(false);
        var peeked = (await oldest.ConfigureAwait(false)).Value;
        var undecodable = peeked.Where(m => !IsBase64(m.Body)).Select(m => m.MessageId).ToList();
        return new QueueHealth(name, queueName, (await depth.ConfigureAwait(false)).Value.ApproximateMessagesCount,
            (await poisonDepth.ConfigureAwait(false)).Value.ApproximateMessagesCount,
            peeked.FirstOrDefault()?.InsertedOn is { } inserted ? Math.Max(0, (now - inserted).TotalSeconds) : null, undecodable);
    }

    private async Task<FollowUpCounts> FollowUpsByStatusAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var table = await tables.FollowUpsAsync(cancellationToken).ConfigureAwait(false);
        var (low, high) = (from.ToString("yyyyMMdd", CultureInfo.InvariantCulture), to.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {low} and PartitionKey le {high}"), select: ["Status"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var status = row.GetString("Status") ?? FollowUpEntity.Pending;
            counts[status] = counts.GetValueOrDefault(status) + 1;
        }

        int Of(string status) => counts.GetValueOrDefault(status);
        return new FollowUpCounts(Of(FollowUpEntity.Pending), Of(FollowUpEntity.Claimed), Of(FollowUpEntity.Sent), Of(FollowUpEntity.Skipped),
            Of(FollowUpEntity.Failed), Of(FollowUpEntity.Unknown));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed {Moved} poison messages to {Queue}; {Remaining} remain, {Undecodable} of those read not base64")]
    private partial void LogReplayed(int moved, string queue, int remaining, int undecodable);
}
