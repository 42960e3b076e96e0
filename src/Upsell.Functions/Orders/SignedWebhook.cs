using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Upsell.Domain.Orders;
using Upsell.Functions.Http;
using Upsell.Infrastructure.Orders;

namespace Upsell.Functions.Orders;

/// <summary>
/// The commerce backend's webhooks (orders, refunds): the raw body read within bounds, its HMAC signature checked
/// under the current or previous secret before anything is parsed, then the JSON read.
/// </summary>
public static class SignedWebhook
{
    public const int MaxBytes = 32 * 1024;

    /// <summary>The body, or the answer refusing it: 400 for a bad body, 401 for a missing or wrong signature.</summary>
    public static async Task<(T? Value, IActionResult? Refusal)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, OrderOptions secrets, string what, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(secrets);
        var (body, error) = await JsonBody.ReadBytesAsync(request, MaxBytes, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return (null, Responses.Invalid([error]));
        }

        if (!OrderSignature.Verify(body, request.Headers[OrderSignature.Header], secrets.SecretBytes, secrets.PreviousSecretBytes))
        {
            return (null, Responses.Problem(StatusCodes.Status401Unauthorized, $"The {what} is not signed",
                [new(OrderSignature.Header, "must be sha256= and the hex HMAC-SHA256 of the body under the webhook secret")]));
        }

        var (value, parseError) = JsonBody.Parse(body, type);
        return parseError is not null ? (null, Responses.Invalid([parseError])) : (value, null);
    }
}
