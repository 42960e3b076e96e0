using System.Globalization;
using System.Text.Json;
using EllipticCurve;
using Microsoft.Extensions.Options;
using SendGrid.Helpers.EventWebhook;

namespace Upsell.Infrastructure.FollowUps;

/// <summary>
/// SendGrid's signed Event Webhook: the signature is checked by the SendGrid SDK's own <see cref="RequestValidator"/>
/// (ECDSA P-256 over the timestamp header followed by the raw body, against the verification key in
/// <see cref="EmailOptions.EventWebhookPublicKey"/>), and a batch signed longer ago (or further ahead) than
/// <see cref="EmailOptions.EventWebhookMaxAgeMinutes"/> is refused as a replay. <see cref="Parse"/> reads what each
/// event says, leaving out what is not an event object.
/// </summary>
public sealed class SendGridEvents(IOptions<EmailOptions> options, TimeProvider time)
{
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    /// <summary>The custom argument a follow-up carries its signed decision token in, so its events find their offer.</summary>
    public const string TokenArgument = "upsellToken";

    private readonly Lazy<PublicKey?> _key = new(() => KeyOf(options.Value.EventWebhookPublicKey));

    public bool IsSetUp => options.Value.UsesEventWebhook;

    /// <summary>Whether a text is a verification key the SDK can read.</summary>
    public static bool IsPublicKey(string key) => KeyOf(key) is not null;

    /// <summary>Why a batch is not SendGrid's, or null when its signature and timestamp hold.</summary>
    public string? Refusal(string? signature, string? timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp))
        {
            return $"the batch is not signed ({SignatureHeader} and {TimestampHeader} are required)";
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253_402_300_799)
        {
            return $"{TimestampHeader} must be a Unix time in seconds";
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age.Duration() > TimeSpan.FromMinutes(options.Value.EventWebhookMaxAgeMinutes))
        {
            var minutes = Math.Round(Math.Abs(age.TotalMinutes));
            return $"the batch was signed {minutes} minutes {(age > TimeSpan.Zero ? "ago" : "ahead of this server's clock")}, more than the {options.Value.EventWebhookMaxAgeMinutes} allowed";
        }

        return _key.Value is { } key && Verifies(key, body, signature, timestamp) ? null : "the signature does not match the batch";
    }

    /// <summary>The events of a verified batch, or null when the body is not a JSON array.</summary>
    public static IReadOnlyList<SendGridEvent>? Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var events = new List<SendGridEvent>(document.RootElement.GetArrayLength());
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    events.Add(new SendGridEvent(
                        Text(item, "sg_event_id"),
                        Text(item, "event") ?? string.Empty,
                        Text(item, "email"),
                        item.TryGetProperty("timestamp", out var at) && at.TryGetInt64(out var unix) && unix is >= 0 and <= 253_402_300_799 ? DateTimeOffset.FromUnixTimeSeconds(unix) : null,
                        Text(item, TokenArgument),
                        item.TryGetProperty("sg_machine_open", out var machine) && machine.ValueKind == JsonValueKind.True));
                }
            }

            return events;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Verifies(PublicKey key, string body, string signature, string timestamp)
    {
        try
        {
            return new RequestValidator().VerifySignature(key, body, signature, timestamp);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or ArithmeticException or IndexOutOfRangeException or InvalidOperationException)
        {
            // A signature that is not base64 DER.
            return false;
        }
    }

    private static PublicKey? KeyOf(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        try
        {
            return new RequestValidator().ConvertPublicKeyToECDSA(key.Trim());
        }
        catch (Exception e) when (e is FormatException or ArgumentException or ArithmeticException or IndexOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
    }
}

/// <summary>
/// One event of SendGrid's Event Webhook: its id (<c>sg_event_id</c>), type (<c>delivered</c>, <c>bounce</c>,
/// <c>open</c>, …), address, time, the follow-up's signed decision token when the email was ours, and whether an open
/// was a mail client's automatic one (Apple Mail Privacy Protection: <c>sg_machine_open</c>).
/// </summary>
public sealed record SendGridEvent(string? Id, string Type, string? Email, DateTimeOffset? At, string? Token, bool MachineOpen);
