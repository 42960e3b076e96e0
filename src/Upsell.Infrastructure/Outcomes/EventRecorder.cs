using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Upsell.Domain;
using Upsell.Domain.Catalog;
using Upsell.Domain.Outcomes;
using Upsell.Domain.Tokens;
using Upsell.Infrastructure.Catalog;
using Upsell.Infrastructure.Queues;
using Upsell.Infrastructure.Shoppers;

namespace Upsell.Infrastructure.Outcomes;

/// <summary>
/// Records one message of the events queue: each event counted once in its stats partition, and each decline
/// written to the shopper's suppressions. A message that cannot be read goes to the poison queue at once.
/// </summary>
public sealed partial class EventRecorder(
    StatsWriter writer,
    ShopperStateStore shoppers,
    CatalogSnapshotProvider catalog,
    UpsellQueues queues,
    IOptions<RecordingOptions> options,
    ILogger<EventRecorder> logger)
{
    public async Task RecordAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (batch, events, error) = Read(message.Body);
        if (batch is null)
        {
            await queues.PoisonAsync(queues.EventsName, message, error!, cancellationToken).ConfigureAwait(false);
            return;
        }

        var day = DateOnly.FromDateTime(batch.ReceivedAt.UtcDateTime);
        var shards = options.Value.StatsShards;
        var partitions = events.GroupBy(e => StatsGroup.Of(e.Token).PartitionKey(StatsGroup.ShardOf(e.Token.VisitorId, shards)), StringComparer.Ordinal);
        await Parallel.ForEachAsync(partitions, cancellationToken, (partition, ct) => new ValueTask(writer.WriteAsync(
            partition.Key,
            partition.Select(e => new StatsRecord(new Outcome(e.Id, e.Type, e.Token.VisitorId, day), e.Token.DecisionId, e.Token.SessionId, e.At, batch.ReceivedAt)),
            checkFirst: message.DequeueCount > 1,
            ct))).ConfigureAwait(false);

        var declines = events.Where(e => e.Type == OutcomeType.Decline).ToList();
        if (declines.Count > 0)
        {
            await SuppressDeclinedAsync(declines, batch.ReceivedAt, cancellationToken).ConfigureAwait(false);
        }
        LogRecorded(events.Count, message.MessageId);
    }

    private async Task SuppressDeclinedAsync(IEnumerable<ParsedEvent> declines, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var snapshot = await catalog.GetAsync(cancellationToken).ConfigureAwait(false);
        foreach (var decline in declines)
        {
            if (snapshot.Offers.TryGetValue(decline.Token.OfferId, out var offer))
            {
                await shoppers.RecordDeclineAsync(decline.Token.VisitorId, offer.Id, offer.Kind, at, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                LogUnknownOffer(decline.Token.OfferId);
            }
        }
    }

    private static (EventMessage? Batch, List<ParsedEvent> Events, string? Error) Read(BinaryData body)
    {
        EventMessage? batch;
        try
        {
            batch = JsonSerializer.Deserialize(body.ToMemory().Span, QueueJson.Default.EventMessage);
        }
        catch (JsonException e)
        {
            return (null, [], $"not an events message: {e.Message}");
        }

        if (batch?.Events is not { Count: > 0 })
        {
            return (null, [], "no events");
        }

        var events = new List<ParsedEvent>(batch.Events.Count);
        foreach (var queued in batch.Events)
        {
            if (queued?.Decision?.ToToken() is not { } token || !Wire.TryParse<OutcomeType>(queued.Type, out var type) || type == OutcomeType.Order
                || !Fields.IsId(queued.Id))
            {
                return (null, [], $"event {queued?.Id} is malformed");
            }

            events.Add(new ParsedEvent(queued.Id, type, queued.At, token));
        }

        return (batch, events, null);
    }

    private sealed record ParsedEvent(string Id, OutcomeType Type, DateTimeOffset At, DecisionToken Token);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recorded {Count} events of message {MessageId}")]
    private partial void LogRecorded(int count, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Declined offer {OfferId} is not in the catalog any more; nothing to suppress")]
    private partial void LogUnknownOffer(string offerId);
}
