using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Upsell.Application.FollowUps;
using Upsell.Functions.Http;
using Upsell.Infrastructure.FollowUps;

namespace Upsell.Functions.FollowUps;

/// <summary>
/// <c>POST /api/connectors/sendgrid</c>: SendGrid's signed Event Webhook. The signature over the timestamp and the raw
/// body is the authentication, checked before anything is parsed: an unsigned, altered or stale batch gets 401 and
/// writes nothing; a signed body that is not a JSON array gets 400. A signed batch is answered 200 with what it did
/// (<see cref="EmailEvents"/>); SendGrid delivers again on anything else, and a batch delivered again counts once.
/// </summary>
public sealed class ReceiveSendGridEventsFunction(SendGridEvents verifier, EmailEvents events, IOptions<EmailOptions> options)
{
    [Function(nameof(ReceiveSendGridEvents))]
    public async Task<IActionResult> ReceiveSendGridEvents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "connectors/sendgrid")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!verifier.IsSetUp)
        {
            return Responses.Problem(StatusCodes.Status404NotFound, "The SendGrid event webhook is off", [new("Upsell__Email__EventWebhookPublicKey", "is not set")]);
        }

        var maxBytes = options.Value.EventWebhookMaxBytes;
        var (bytes, error) = await JsonBody.ReadBytesAsync(request, maxBytes, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error == JsonBody.TooLarge(maxBytes)
                ? Responses.Problem(StatusCodes.Status413PayloadTooLarge, "The batch is too large", [error])
                : Responses.Invalid([error]);
        }

        var body = Encoding.UTF8.GetString(bytes);
        if (verifier.Refusal(request.Headers[SendGridEvents.SignatureHeader], request.Headers[SendGridEvents.TimestampHeader], body) is { } refusal)
        {
            return Responses.Problem(StatusCodes.Status401Unauthorized, "The batch is not SendGrid's", [new(SendGridEvents.SignatureHeader, refusal)]);
        }

        if (SendGridEvents.Parse(body) is not { } parsed)
        {
            return Responses.Invalid("body", "must be a JSON array of events");
        }

        var recorded = await events.RecordAsync(parsed, cancellationToken).ConfigureAwait(false);
        return Responses.Json(recorded, ApiJson.Default.EmailEventsRecorded);
    }
}
