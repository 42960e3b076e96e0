using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Upsell.Domain.Tokens;
using Upsell.Functions.Http;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Queues;
using Upsell.Infrastructure.Tokens;
using Upsell.Infrastructure.Traffic;

namespace Upsell.Functions.Events;

/// <summary>
/// <c>POST /api/events</c>: a storefront's batch of events, as JSON or as the <c>text/plain</c> that
/// <c>navigator.sendBeacon</c> sends. Checked whole, queued whole but for the events past their token's budget
/// (<see cref="EventBudget"/>), answered 202.
/// </summary>
public sealed class CollectEventsFunction(
    DecisionTokenSigner signer,
    UpsellQueues queues,
    TimeProvider time,
    IOptions<TokenOptions> tokens,
    IOptions<RecordingOptions> recording,
    EventBudget budget)
{
    /// <summary>Fifty events with their tokens, and room to spare.</summary>
    public const int MaxBytes = 64 * 1024;

    [Function(nameof(CollectEvents))]
    public async Task<IActionResult> CollectEvents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "events")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        if (!IsJsonOrText(request.ContentType))
        {
            return Responses.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                [new("Content-Type", "must be application/json or text/plain")]);
        }

        var (body, error) = await JsonBody.ReadAsync(request, ApiJson.Default.EventBatchRequest, cancellationToken, MaxBytes).ConfigureAwait(false);
        if (error is not null)
        {
            return Responses.Invalid([error]);
        }

        var now = time.GetUtcNow();
        var (message, errors) = EventBatchValidator.Validate(body!, signer, now, TimeSpan.FromMinutes(tokens.Value.MaxAgeMinutes), recording.Value.MaxClockSkew);
        if (message is null)
        {
            return Responses.Invalid(errors);
        }

        // Past a token's budget an event could count nothing: it is dropped here, and the answer says how many were.
        var kept = message.Events.Where(e => budget.TrySpend(e.Decision.CountKey)).ToList();
        if (kept.Count > 0)
        {
            await queues.SendEventsAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(message with { Events = kept }, QueueJson.Default.EventMessage)), cancellationToken).ConfigureAwait(false);
        }

        return Responses.Json(new EventsAccepted(kept.Count, message.Events.Count - kept.Count), ApiJson.Default.EventsAccepted, StatusCodes.Status202Accepted);
    }

    private static bool IsJsonOrText(string? contentType) =>
        contentType is null
        || (MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            && parsed.MediaType is { } media
            && (media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Equals("text/plain", StringComparison.OrdinalIgnoreCase)));
}
