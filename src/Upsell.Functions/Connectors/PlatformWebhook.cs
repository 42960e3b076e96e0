using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Upsell.Domain.Orders;
using Upsell.Functions.Http;

namespace Upsell.Functions.Connectors;

/// <summary>
/// A shop platform's webhook delivery: the raw body read within 1 MiB, its base64 HMAC-SHA256 checked in constant
/// time under the current or previous secret before anything is parsed, then read as a JSON object.
/// </summary>
public static class PlatformWebhook
{
    /// <summary>Platform payloads carry much more than ours: a large order with its line items fits easily.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>
    /// The delivery's topic and payload, or the answer refusing it: 404 while the connector is off, 413 or 400 for
    /// the body, 401 for the signature (checked before anything is parsed), 400 for a missing topic or a body that
    /// is not a JSON object.
    /// </summary>
    public static async Task<(string Topic, JsonElement Payload, IActionResult? Refusal)> ReadAsync(HttpRequest request, PlatformEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Secret.Length == 0)
        {
            return (string.Empty, default, Responses.Problem(StatusCodes.Status404NotFound, $"The {endpoint.Platform} connector is off", [new(endpoint.SecretSetting, "is not set")]));
        }

        var (body, refusal) = await ReadSignedAsync(request, endpoint.SignatureHeader, endpoint.Secret, endpoint.PreviousSecret, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return (string.Empty, default, refusal);
        }

        if (request.Headers[endpoint.TopicHeader].ToString() is not { Length: > 0 } topic)
        {
            return (string.Empty, default, Responses.Invalid(endpoint.TopicHeader, "is required"));
        }

        var (payload, invalid) = Parse(body);
        return invalid is not null ? (topic, default, invalid) : (topic, payload!.Value, null);
    }

    private static async Task<(byte[] Body, IActionResult? Refusal)> ReadSignedAsync(
        HttpRequest request, string signatureHeader, byte[] secret, byte[]? previousSecret, CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBody.ReadBytesAsync(request, MaxBytes, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return ([], error == JsonBody.TooLarge(MaxBytes)
                ? Responses.Problem(StatusCodes.Status413PayloadTooLarge, "The payload is too large", [error])
                : Responses.Invalid([error]));
        }

        return PlatformSignature.Verify(body, request.Headers[signatureHeader], secret, previousSecret)
            ? (body, null)
            : ([], NotSigned(signatureHeader));
    }

    private static ContentResult NotSigned(string header) =>
        Responses.Problem(StatusCodes.Status401Unauthorized, "The webhook is not signed by this shop",
            [new(header, "must be the base64 HMAC-SHA256 of the body under the webhook secret")]);

    /// <summary>The body as a JSON object, or a 400 naming the body.</summary>
    private static (JsonElement? Payload, IActionResult? Refusal) Parse(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (document.RootElement.Clone(), null)
                : (null, Responses.Invalid("body", "must be a JSON object"));
        }
        catch (JsonException e)
        {
            return (null, Responses.Invalid("body", $"is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})"));
        }
    }
}
