using Upsell.Domain.Validation;
using Upsell.Infrastructure.Orders;

namespace Upsell.Application.Intake;

/// <summary>
/// Turns a signed refund of a recorded order into a queue message, or names every field that is wrong. A line is
/// refunded at most what is left of it after the order's earlier refunds (<c>refundedBefore</c>, minor
/// units per line), so three full refunds of one line are one refund and two refusals.
/// </summary>
public static class RefundRequestValidator
{
    public static (RefundMessage? Message, IReadOnlyList<FieldError> Errors) Validate(
        RefundRequest request, OrderMessage order, IReadOnlyDictionary<int, long> refundedBefore, DateTimeOffset now, TimeSpan maxClockSkew)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(refundedBefore);
        var errors = new List<FieldError>();
        Fields.RequireId(errors, "refundId", request.RefundId);
        var timeErrors = errors.Count;
        var refundedAt = OrderRequestValidator.RequireTime(errors, "refundedAt", request.RefundedAt, now, maxClockSkew);
        if (errors.Count == timeErrors && refundedAt < order.PlacedAt)
        {
            errors.Add(new FieldError("refundedAt", $"is before the order was placed ({order.PlacedAt:O})"));
        }

        var lines = new List<RefundLineMessage>();
        if (request.Lines is not { Count: > 0 } || request.Lines.Count > Limits.Lines)
        {
            errors.Add(new FieldError("lines", $"must have 1 to {Limits.Lines} refunded lines"));
        }
        else
        {
            for (var i = 0; i < request.Lines.Count; i++)
            {
                var field = $"lines[{i}]";
                if (request.Lines[i] is not { Line: { } line, Amount: { } amount })
                {
                    errors.Add(new FieldError(field, "needs a line and an amount"));
                }
                else if (line < 0 || line >= order.Lines.Count)
                {
                    errors.Add(new FieldError($"{field}.line", $"must be the position of one of the order's {order.Lines.Count} lines, from 0"));
                }
                else if (Left(order, refundedBefore, line) < 1)
                {
                    errors.Add(new FieldError($"{field}.line", $"is refunded in full already (its total of {order.Lines[line].Total} minor units)"));
                }
                else if (amount < 1 || amount > Left(order, refundedBefore, line))
                {
                    errors.Add(new FieldError($"{field}.amount", $"must be 1 to {Left(order, refundedBefore, line)}, what is left of the line's total of {order.Lines[line].Total} minor units"));
                }
                else
                {
                    lines.Add(new RefundLineMessage(line, amount));
                }
            }

            foreach (var over in lines.GroupBy(l => l.Line).Where(g => g.Sum(l => l.Amount) > Left(order, refundedBefore, g.Key)))
            {
                errors.Add(new FieldError("lines", $"refund more than is left of line {over.Key} ({Left(order, refundedBefore, over.Key)} of its total of {order.Lines[over.Key].Total})"));
            }
        }

        return errors.Count > 0
            ? (null, errors)
            : (new RefundMessage(order.OrderId, request.RefundId!, refundedAt, lines, now), []);
    }

    private static long Left(OrderMessage order, IReadOnlyDictionary<int, long> refundedBefore, int line) =>
        order.Lines[line].Total - refundedBefore.GetValueOrDefault(line);
}
