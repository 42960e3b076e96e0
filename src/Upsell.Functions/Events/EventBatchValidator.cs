using Upsell.Domain;
using Upsell.Domain.Catalog;
using Upsell.Domain.Outcomes;
using Upsell.Domain.Tokens;
using Upsell.Infrastructure.Outcomes;

namespace Upsell.Functions.Events;

/// <summary>
/// Turns a batch from the storefront into a queue message, or names every event that is wrong: the batch is taken
/// whole or not at all.
/// </summary>
public static class EventBatchValidator
{
    public const int MaxEvents = 50;

    private static readonly string EventTypes = string.Join(", ", Enum.GetValues<OutcomeType>().Where(Tally.IsStorefrontEvent).Select(Wire.Name));

    public static (EventMessage? Message, IReadOnlyList<FieldError> Errors) Validate(
        EventBatchRequest request, DecisionTokenSigner signer, DateTimeOffset now, TimeSpan tokenMaxAge, TimeSpan maxClockSkew)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(signer);
        if (request.Events is not { Count: > 0 } events)
        {
            return (null, [new FieldError("events", "must hold at least one event")]);
        }

        if (events.Count > MaxEvents)
        {
            return (null, [new FieldError("events", $"must hold at most {MaxEvents} events")]);
        }

        var errors = new List<FieldError>();
        var queued = new List<QueuedEvent>(events.Count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var field = $"events[{i}]";
            var item = events[i];
            if (item is null)
            {
                errors.Add(new FieldError(field, "must be an event object"));
                continue;
            }

            var count = errors.Count;
            if (!Fields.IsId(item.Id))
            {
                errors.Add(new FieldError($"{field}.id", item.Id is null ? "is required" : $"must be 1 to {Fields.MaxIdLength} letters, digits, '.', '_', '-' or ':' (a UUID will do)"));
            }
            else if (seen.TryGetValue(item.Id!, out var first))
            {
                errors.Add(new FieldError($"{field}.id", $"repeats the id of events[{first}] ({item.Id})"));
            }
            else
            {
                seen.Add(item.Id!, i);
            }

            if (!Wire.TryParse<OutcomeType>(item.Type, out var type) || !Tally.IsStorefrontEvent(type))
            {
                errors.Add(new FieldError($"{field}.type", item.Type is null ? "is required" : $"must be one of {EventTypes}, not '{item.Type}'"));
            }

            if (item.At is not { } at)
            {
                errors.Add(new FieldError($"{field}.at", "is required"));
            }
            else if (at - now > maxClockSkew)
            {
                errors.Add(new FieldError($"{field}.at", $"lies in the future ({at:O}){Named(item)}"));
            }

            if (!signer.TryVerify(item.Token, now, tokenMaxAge, out var token, out var tokenError))
            {
                errors.Add(new FieldError($"{field}.token", item.Token is null ? "is required" : $"{tokenError}{Named(item)}"));
            }

            if (errors.Count == count)
            {
                queued.Add(new QueuedEvent(item.Id!, item.Type!, item.At!.Value, QueuedDecision.From(token!)));
            }
        }

        return errors.Count > 0 ? (null, errors) : (new EventMessage(now, queued), []);
    }

    private static string Named(EventRequest item) => Fields.IsId(item.Id) ? $" (event {item.Id})" : string.Empty;
}
