using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Upsell.Domain;
using Upsell.Domain.FollowUps;
using Upsell.Domain.Offers;
using Upsell.Domain.Outcomes;
using Upsell.Domain.Tokens;
using Upsell.Infrastructure.FollowUps;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Queues;
using Upsell.Infrastructure.Tokens;

namespace Upsell.Application.FollowUps;

/// <summary>
/// What each event of SendGrid's Event Webhook does:
/// <list type="bullet">
/// <item><c>delivered</c>: the follow-up's impression at the post-purchase moment, so the moment's report counts
/// what arrived, not what was sent;</item>
/// <item><c>open</c>: an open, beside the impression; an open a mail client made by itself (Apple Mail Privacy
/// Protection, <c>sg_machine_open</c>) is left out, as it says nothing of the reader;</item>
/// <item><c>click</c>: a click on the email's offer;</item>
/// <item><c>bounce</c>, <c>dropped</c>, <c>spamreport</c>: the address gets no email again, and operations
/// lists it;</item>
/// <item><c>unsubscribe</c>, <c>group_unsubscribe</c>: the address is unsubscribed as by the email's own link;</item>
/// <item>anything else (<c>processed</c>, <c>deferred</c>, …), and a count event of an email that was not ours or
/// whose token does not verify: nothing.</item>
/// </list>
/// Counted events are queued under an id made from SendGrid's <c>sg_event_id</c>, so a batch delivered twice counts
/// once; suppressing and unsubscribing again change nothing. The event recorder then counts an open or click once
/// per email, and a click only once its email was delivered.
/// </summary>
public sealed class EmailEvents(AddressBook addresses, UpsellQueues queues, DecisionTokenSigner signer, TimeProvider time, IOptions<TokenOptions> tokens)
{
    /// <summary>Counted events per queue message, well inside a queue message's 64 KiB.</summary>
    public const int PerMessage = 50;

    public async Task<EmailEventsRecorded> RecordAsync(IReadOnlyList<SendGridEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var now = time.GetUtcNow();
        var counted = new List<QueuedEvent>();
        int suppressed = 0, unsubscribed = 0;
        foreach (var e in events)
        {
            var at = e.At ?? now;
            switch (e.Type)
            {
                case "bounce" or "dropped" or "spamreport" when AddressKey(e) is { } key:
                    await addresses.SuppressAsync(key, e.Type, at, cancellationToken).ConfigureAwait(false);
                    suppressed++;
                    break;
                case "unsubscribe" or "group_unsubscribe" when AddressKey(e) is { } key:
                    await addresses.UnsubscribeAsync(key, at, cancellationToken).ConfigureAwait(false);
                    unsubscribed++;
                    break;
                case "delivered" or "open" or "click" when Counted(e, at, now) is { } queued:
                    counted.Add(queued);
                    break;
            }
        }

        foreach (var chunk in counted.Chunk(PerMessage))
        {
            var message = new EventMessage(now, chunk);
            await queues.SendEventsAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(message, QueueJson.Default.EventMessage)), cancellationToken).ConfigureAwait(false);
        }

        return new EmailEventsRecorded(events.Count, counted.Count, suppressed, unsubscribed, events.Count - counted.Count - suppressed - unsubscribed);
    }

    private static string? AddressKey(SendGridEvent e) =>
        e.Email is { Length: > 0 and <= 320 } email && email.Contains('@', StringComparison.Ordinal) ? EmailAddressKey.Of(email) : null;

    private QueuedEvent? Counted(SendGridEvent e, DateTimeOffset at, DateTimeOffset now)
    {
        var type = e.Type switch
        {
            "delivered" => OutcomeType.Impression,
            "open" when !e.MachineOpen => OutcomeType.Open,
            "click" => OutcomeType.Click,
            _ => (OutcomeType?)null,
        };
        if (type is not { } counted || !signer.TryVerify(e.Token, now, TimeSpan.FromDays(tokens.Value.EmailMaxAgeDays), out var token, out _)
            || token!.Moment != Moment.PostPurchase)
        {
            return null;
        }

        // SendGrid's event id is its own alphabet and length; ours is a hash of it (or, without one, of what the event is).
        var source = e.Id ?? $"{e.Type}|{e.Token}|{at.ToUnixTimeSeconds()}";
        var id = "sg-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..40];
        return new QueuedEvent(id, Wire.Name(counted), at > now ? now : at, QueuedDecision.From(token));
    }
}

/// <summary>
/// What one event batch did: events read, counted, addresses suppressed and unsubscribed, and the rest left alone.
/// </summary>
public sealed record EmailEventsRecorded(int Received, int Counted, int Suppressed, int Unsubscribed, int Ignored);
