using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Upsell.Application.Intake;
using Upsell.Application.Recording;
using Upsell.Domain.Validation;
using Upsell.Functions.Http;
using Upsell.Functions.Orders;
using Upsell.Infrastructure.Connectors;
using Upsell.Infrastructure.Orders;
using Upsell.Infrastructure.Telemetry;

namespace Upsell.Functions.Connectors;

/// <summary>
/// <c>POST /api/connectors/woocommerce</c>: the shop's order webhooks, told apart by X-WC-Webhook-Topic.
/// order.created records the order; order.updated records it too (a no-op once recorded) and counts its refunds,
/// each once by its id, and notes it cancelled when its status is cancelled or failed. The ping WooCommerce sends when
/// a webhook is saved is answered 200.
/// </summary>
public sealed partial class ReceiveWooCommerceWebhookFunction(
    OrderIntake intake,
    RefundRecorder refunds,
    OrderCancellations cancellations,
    TimeProvider time,
    IOptions<WooCommerceOptions> woo,
    ILogger<ReceiveWooCommerceWebhookFunction> logger)
{
    public const string SignatureHeader = "X-WC-Webhook-Signature";
    public const string TopicHeader = "X-WC-Webhook-Topic";
    public const string DeliveryHeader = "X-WC-Webhook-Delivery-ID";


    [Function(nameof(ReceiveWooCommerceWebhook))]
    public async Task<IActionResult> ReceiveWooCommerceWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "connectors/woocommerce")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = woo.Value;

        // The ping carries only the webhook's id and changes nothing, so it needs no signature.
        if (options.Enabled && request.ContentLength is > 0 and < 64 && !request.Headers.ContainsKey(TopicHeader))
        {
            var (small, _) = await JsonBody.ReadBytesAsync(request, 64, cancellationToken).ConfigureAwait(false);
            return Ping().IsMatch(Encoding.UTF8.GetString(small))
                ? Responses.Json(new WebhookNoted("ping", "the webhook reaches UpsellFunctions"), ApiJson.Default.WebhookNoted)
                : Responses.Invalid(TopicHeader, "is required");
        }

        var (topic, json, refusal) = await PlatformWebhook.ReadAsync(request, new PlatformEndpoint(
            "WooCommerce", "Upsell__WooCommerce__WebhookSecret", SignatureHeader, TopicHeader, options.SecretBytes, options.PreviousSecretBytes), cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var deliveryId = request.Headers[DeliveryHeader].ToString();
        LogDelivery(new LogValue(topic), new LogValue(deliveryId));
        return topic switch
        {
            "order.created" => await OrderAsync(json, withRefunds: false, cancellationToken).ConfigureAwait(false),
            "order.updated" => await OrderAsync(json, withRefunds: true, cancellationToken).ConfigureAwait(false),
            _ => Responses.Json(new WebhookNoted(topic, "not recorded: register order.created and order.updated"), ApiJson.Default.WebhookNoted),
        };
    }

    private async Task<IActionResult> OrderAsync(System.Text.Json.JsonElement json, bool withRefunds, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var request = WooCommerceOrder.ToRequest(json, woo.Value.ConsentMetaKey, errors);
        if (errors.Count > 0)
        {
            return Responses.Invalid(errors);
        }

        var (checkedOrder, invalid) = intake.Check(request);
        if (checkedOrder is not { } built)
        {
            return Responses.Invalid(PlatformFields.Named(invalid, PlatformFields.WooCommerceOrder));
        }

        // The recorded order is the one refunds are counted against; before it is recorded, the one just checked.
        var order = withRefunds ? await refunds.FindOrderAsync(built.Message.OrderId, cancellationToken).ConfigureAwait(false) ?? built.Message : built.Message;
        var messages = new List<RefundMessage>();
        foreach (var refund in withRefunds ? WooCommerceOrder.Refunds(json, order, errors).Where(r => r.Lines is { Count: > 0 }) : [])
        {
            var (message, refundErrors) = await intake.CheckRefundAsync(refund, order, cancellationToken).ConfigureAwait(false);
            errors.AddRange(PlatformFields.Named(refundErrors, PlatformFields.WooCommerceOrder).Select(e => e with { Field = $"refunds[{refund.RefundId}].{e.Field}" }));
            if (message is not null)
            {
                messages.Add(message);
            }
        }

        if (errors.Count > 0)
        {
            return Responses.Invalid(errors);
        }

        // A cancelled or failed order gets no follow-up email.
        if (withRefunds && json.Text("status") is "cancelled" or "failed")
        {
            await cancellations.CancelAsync(built.Message.OrderId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        // The order goes first, so a refund of an order recorded only now finds it (its recorder retries until then).
        var accepted = await intake.QueueOrderAsync(built, cancellationToken).ConfigureAwait(false);
        foreach (var message in messages)
        {
            await intake.QueueRefundAsync(message, cancellationToken).ConfigureAwait(false);
        }

        return IntakeAnswers.Accepted(accepted);
    }

    [GeneratedRegex("^webhook_id=[0-9]{1,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex Ping();

    [LoggerMessage(Level = LogLevel.Information, Message = "WooCommerce webhook {Topic}, delivery {DeliveryId}")]
    private partial void LogDelivery(LogValue topic, LogValue deliveryId);
}
