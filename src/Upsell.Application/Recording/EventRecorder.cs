using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Upsell.Domain;
using Upsell.Domain.Outcomes;
using Upsell.Domain.Tokens;
using Upsell.Domain.Validation;
using Upsell.Infrastructure.Catalog;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Queues;
using Upsell.Infrastructure.Shoppers;
using Upsell.Infrastructure.Telemetry;

namespace Upsell.Application.Recording;

/// <summary>
/// Records one message of the events queue: each decision token's first event of each type counted in its offer
/// group and its moment's segment (<see cref="EventCounting"/>), each exposure in the holdout view, and each decline
/// written to the shopper's suppressions. A message that cannot be read goes to the poison queue at once.
/// </summary>
public sealed partial class EventRecorder(
    StatsWriter writer,
    ShopperStateStore shoppers,
    CatalogSnapshotProvider catalog,
    UpsellQueues queues,
    UpsellMetrics metrics,
    Microsoft.Extensions.Options.IOptions<RecordingOptions> recording,
    Microsoft.Extensions.Options.IOptions<Infrastructure.Traffic.TrafficOptions> traffic,
    Domain.Decisions.OfferEngine engine,
    ILogger<EventRecorder> logger)
{
    public async Task RecordAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (batch, events, exposures, error) = Read(message.Body, engine.HoldoutPhase);
        if (batch is null)
        {
            await queues.PoisonAsync(queues.EventsName, message, error!, cancellationToken).ConfigureAwait(false);
            return;
        }

        var day = DateOnly.FromDateTime(batch.ReceivedAt.UtcDateTime);
        var counting = new EventCounting(day, batch.ReceivedAt, recording.Value.RevenueCapMinor, traffic.Value.MinAcceptDelay);
        var counted = events.SelectMany(e => counting.CountsOf(e.Id, e.Type, e.At, e.Token)).Concat(exposures.SelectMany(x => CountsOf(x, day, batch.ReceivedAt)));
        await writer.CountAsync(counted, checkFirst: message.DequeueCount > 1, cancellationToken).ConfigureAwait(false);
        foreach (var type in events.CountBy(e => e.Type))
        {
            metrics.Recorded(Wire.Name(type.Key), type.Value);
        }

        metrics.Recorded(Wire.Name(OutcomeType.Exposure), exposures.Count);
        metrics.Recorded(Wire.Name(OutcomeType.HastyAccept), events.Count(e => e.Type == OutcomeType.Accept && counting.IsHasty(e.Type, e.Token)));

        // What the shopper answered keeps the offer away later: a decline at every moment, an accept after the order
        // (a hasty accept is no shopper's answer).
        var answers = events.Where(e => e.Type == OutcomeType.Decline || (e.Type == OutcomeType.Accept && !counting.IsHasty(e.Type, e.Token))).ToList();
        if (answers.Count > 0)
        {
            await RememberAnswersAsync(answers, batch.ReceivedAt, cancellationToken).ConfigureAwait(false);
        }
        LogRecorded(events.Count, exposures.Count, message.MessageId);
    }

    // An exposure counts at its moment and across all moments, once per session and moment.
    private static IEnumerable<Counted> CountsOf(ParsedExposure x, DateOnly day, DateTimeOffset receivedAt)
    {
        var moment = Wire.Name(x.Moment);
        var record = new StatsRecord(new Outcome($"{moment}:{x.SessionId}", OutcomeType.Exposure, x.VisitorId, day), string.Empty, x.SessionId, x.At, receivedAt);
        yield return new Counted(null, StatsKeys.Programme(x.Phase, x.HeldOut, moment), record);
        yield return new Counted(null, StatsKeys.Programme(x.Phase, x.HeldOut, StatsKeys.AllMoments), record);
    }

    private async Task RememberAnswersAsync(IEnumerable<ParsedEvent> answers, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var snapshot = await catalog.GetAsync(cancellationToken).ConfigureAwait(false);
        foreach (var answer in answers)
        {
            if (!snapshot.Offers.TryGetValue(answer.Token.OfferId, out var offer))
            {
                LogUnknownOffer(answer.Token.OfferId);
            }
            else if (answer.Type == OutcomeType.Decline)
            {
                await shoppers.RecordDeclineAsync(answer.Token.VisitorId, offer.Id, offer.Kind, at, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await shoppers.RecordAcceptAsync(answer.Token.VisitorId, offer.Id, offer.Kind, at, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static (EventMessage? Batch, List<ParsedEvent> Events, List<ParsedExposure> Exposures, string? Error) Read(BinaryData body, string currentPhase)
    {
        EventMessage? batch;
        try
        {
            batch = JsonSerializer.Deserialize(body.ToMemory().Span, QueueJson.Default.EventMessage);
        }
        catch (JsonException e)
        {
            return (null, [], [], $"not an events message: {e.Message}");
        }

        if (batch?.Events is null || batch.Events.Count + (batch.Exposures?.Count ?? 0) == 0)
        {
            return (null, [], [], "no events");
        }

        var exposures = new List<ParsedExposure>(batch.Exposures?.Count ?? 0);
        foreach (var exposure in batch.Exposures ?? [])
        {
            if (exposure is null || !Fields.IsId(exposure.VisitorId) || !Fields.IsId(exposure.SessionId) || !Wire.TryParse<Domain.Offers.Moment>(exposure.Moment, out var moment)
                || exposure.Phase is { Length: not 8 } || exposure.Phase?.All(char.IsAsciiHexDigitLower) == false)
            {
                return (null, [], [], "an exposure is malformed");
            }

            exposures.Add(new ParsedExposure(exposure.VisitorId, exposure.SessionId, moment, exposure.HeldOut, exposure.At, exposure.Phase ?? currentPhase));
        }

        var events = new List<ParsedEvent>(batch.Events.Count);
        foreach (var queued in batch.Events)
        {
            if (queued?.Decision?.ToToken() is not { } token || !Wire.TryParse<OutcomeType>(queued.Type, out var type) || !Tally.IsQueuedEvent(type)
                || !Fields.IsId(queued.Id))
            {
                return (null, [], [], $"event {queued?.Id} is malformed");
            }

            events.Add(new ParsedEvent(queued.Id, type, queued.At, token));
        }

        return (batch, events, exposures, null);
    }

    private sealed record ParsedEvent(string Id, OutcomeType Type, DateTimeOffset At, DecisionToken Token);

    private sealed record ParsedExposure(string VisitorId, string SessionId, Domain.Offers.Moment Moment, bool HeldOut, DateTimeOffset At, string Phase);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recorded {Count} events and {Exposures} exposures of message {MessageId}")]
    private partial void LogRecorded(int count, int exposures, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered offer {OfferId} is not in the catalog any more; nothing to remember")]
    private partial void LogUnknownOffer(string offerId);
}
