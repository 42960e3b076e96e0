using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Upsell.Application.Intake;
using Upsell.Domain.Validation;
using Upsell.Functions.Http;
using Upsell.Infrastructure.Orders;

namespace Upsell.Functions.Orders;

/// <summary>
/// The HTTP answers of <see cref="OrderIntake"/>: 202 with what was queued, or 400 naming every bad field (by the
/// sender's own names where a connector gives them) with nothing queued.
/// </summary>
public static class IntakeAnswers
{
    /// <summary>
    /// 202 with the order's answer once queued, or 400 naming every bad field and nothing queued; by the sender's
    /// names for them where <paramref name="rename"/> gives them (a platform's connector).
    /// </summary>
    public static async Task<IActionResult> ReceiveOrderAsync(this OrderIntake intake, OrderRequest order, CancellationToken cancellationToken, Func<IReadOnlyList<FieldError>, IReadOnlyList<FieldError>>? rename = null)
    {
        ArgumentNullException.ThrowIfNull(intake);
        var (checkedOrder, errors) = intake.Check(order);
        return checkedOrder is not { } valid
            ? Responses.Invalid(rename is null ? errors : rename(errors))
            : Accepted(await intake.QueueOrderAsync(valid, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>202 with the refund's answer once queued, or 400 naming every bad field (as <paramref name="rename"/> names them) and nothing queued.</summary>
    public static async Task<IActionResult> ReceiveRefundAsync(this OrderIntake intake, RefundRequest refund, OrderMessage order, CancellationToken cancellationToken, Func<IReadOnlyList<FieldError>, IReadOnlyList<FieldError>>? rename = null)
    {
        ArgumentNullException.ThrowIfNull(intake);
        ArgumentNullException.ThrowIfNull(order);
        var (message, errors) = await intake.CheckRefundAsync(refund, order, cancellationToken).ConfigureAwait(false);
        if (message is null)
        {
            return Responses.Invalid(rename is null ? errors : rename(errors));
        }

        await intake.QueueRefundAsync(message, cancellationToken).ConfigureAwait(false);
        return Responses.Json(new RefundAccepted(order.OrderId, message.RefundId, message.Amount, message.UpsellRefunds(order).Sum(u => u.Amount)), ApiJson.Default.RefundAccepted, StatusCodes.Status202Accepted);
    }

    /// <summary>202 with an order's answer.</summary>
    public static ContentResult Accepted(OrderAccepted accepted) => Responses.Json(accepted, ApiJson.Default.OrderAccepted, StatusCodes.Status202Accepted);
}
