using Upsell.Domain;
using Upsell.Domain.Outcomes;
using Upsell.Domain.Tokens;
using Upsell.Domain.Validation;
using Upsell.Infrastructure.Outcomes;

namespace Upsell.Functions.Events;

/// <summary>
/// Turns a batch from the storefront into a queue message, or names every event that is wrong: the batch is taken
/// whole or not at all.
/// </summary>
public static class EventBatchValidator
{
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

        if (events.Count > Limits.Events)
        {
            return (null, [new FieldError("events", $"must hold at most {Limits.Events} events")]);
        }

        var errors = new List<FieldError>();
        var queued = new List<QueuedEvent>(events.Count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            if (ValidateEvent(errors, $"events[{i}]", events[i], i, seen, signer, now, tokenMaxAge, maxClockSkew) is { } valid)
            {
                queued.Add(valid);
            }
        }

        return errors.Count > 0 ? (null, errors) : (new EventMessage(now, queued), []);
    }

    // One event: an id not seen before in the batch, a storefront event type, a time not in the future, a token this
    // app signed; null when any of them is wrong.
    private static QueuedEvent? ValidateEvent(
        List<FieldError> errors, string field, EventRequest? item, int index, Dictionary<string, int> seen, DecisionTokenSigner signer, DateTimeOffset now, TimeSpan tokenMaxAge, TimeSpan maxClockSkew)
    {
        if (item is null)
        {
            errors.Add(new FieldError(field, "must be an event object"));
            return null;
        }

        var count = errors.Count;
        if (!Fields.IsId(item.Id))
        {
            errors.Add(new FieldError($"{field}.id", item.Id is null ? "is required" : $"must be 1 to {Limits.IdLength} letters, digits, '.', '_', '-' or ':' (a UUID will do)"));
        }
        else if (!seen.TryAdd(item.Id!, index))
        {
            errors.Add(new FieldError($"{field}.id", $"repeats the id of events[{seen[item.Id!]}] ({item.Id})"));
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

        return errors.Count == count ? new QueuedEvent(item.Id!, item.Type!, item.At!.Value, QueuedDecision.From(token!)) : null;
    }

    private static string Named(EventRequest item) => Fields.IsId(item.Id) ? $" (event {item.Id})" : string.Empty;
}
