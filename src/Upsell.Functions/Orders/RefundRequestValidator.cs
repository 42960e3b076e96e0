using Upsell.Domain.Catalog;
using Upsell.Domain.Validation;
using Upsell.Infrastructure.Orders;

namespace Upsell.Functions.Orders;

/// <summary>Turns a signed refund of a recorded order into a queue message, or names every field that is wrong.</summary>
public static class RefundRequestValidator
{
    public static (RefundMessage? Message, IReadOnlyList<FieldError> Errors) Validate(RefundRequest request, OrderMessage order, DateTimeOffset now, TimeSpan maxClockSkew)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(order);
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
                else if (amount < 1 || amount > order.Lines[line].Total)
                {
                    errors.Add(new FieldError($"{field}.amount", $"must be 1 to {order.Lines[line].Total}, the line's total in minor units"));
                }
                else
                {
                    lines.Add(new RefundLineMessage(line, amount));
                }
            }

            foreach (var over in lines.GroupBy(l => l.Line).Where(g => g.Sum(l => l.Amount) > order.Lines[g.Key].Total))
            {
                errors.Add(new FieldError("lines", $"refund more than line {over.Key}'s total of {order.Lines[over.Key].Total}"));
            }
        }

        return errors.Count > 0
            ? (null, errors)
            : (new RefundMessage(order.OrderId, request.RefundId!, refundedAt, lines, now), []);
    }
}
