using System.Net.Mail;
using Upsell.Domain.Money;
using Upsell.Domain.Offers;
using Upsell.Domain.Orders;
using Upsell.Domain.Tokens;
using Upsell.Domain.Validation;
using Upsell.Infrastructure.Orders;
using Upsell.Infrastructure.Outcomes;

namespace Upsell.Application.Intake;

/// <summary>
/// Turns a signed order into a queue message, or names every field that is wrong. Upsell tokens are checked
/// against the time the order was placed, against the line's product (<see cref="OfferedProduct"/>) and once per
/// order; one that fails is reported back and attributes nothing, but never costs the merchant the order.
/// </summary>
public static class OrderRequestValidator
{
    public static (OrderMessage? Message, IReadOnlyList<FieldError> Errors, IReadOnlyList<FieldError> IgnoredTokens) Validate(
        OrderRequest request, DecisionTokenSigner signer, DateTimeOffset now, TimeSpan tokenMaxAge, TimeSpan emailTokenMaxAge, TimeSpan maxClockSkew)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(signer);
        var errors = new List<FieldError>();
        Fields.RequireId(errors, "orderId", request.OrderId);
        // A platform's clock ahead of ours is taken as now: what a platform signed is never refused for its time.
        var placedAt = RequireTime(errors, "placedAt", request.FromPlatform && request.PlacedAt > now ? now : request.PlacedAt, now, maxClockSkew);

        if (request.Currency is null || !MoneyFormatter.IsKnownCurrency(request.Currency))
        {
            errors.Add(new FieldError("currency", "must be an ISO 4217 code in use, such as EUR"));
        }

        if (request.Total is not (>= 0 and <= Limits.OrderAmount))
        {
            errors.Add(new FieldError("total", $"must be between 0 and {Limits.OrderAmount} minor units"));
        }

        var customer = ValidateCustomer(errors, request.Customer);
        var (lines, upsells, ignored) = ValidateLines(errors, request, signer, placedAt, tokenMaxAge, emailTokenMaxAge);
        return errors.Count > 0
            ? (null, errors, [])
            : (new OrderMessage(request.OrderId!, placedAt, request.Currency!, request.Total!.Value, lines, customer!, upsells, now, request.Test == true, request.TaxIncluded), [], ignored);
    }

    // The lines, and the upsell each signed token vouches for; a token that does not verify is reported, not refused.
    private static (List<OrderLineMessage> Lines, List<UpsellMessage> Upsells, List<FieldError> Ignored) ValidateLines(
        List<FieldError> errors, OrderRequest request, DecisionTokenSigner signer, DateTimeOffset placedAt, TimeSpan tokenMaxAge, TimeSpan emailTokenMaxAge)
    {
        var lines = new List<OrderLineMessage>();
        var upsells = new List<UpsellMessage>();
        var ignored = new List<FieldError>();
        // A platform's order is kept whatever it holds: a fee-only order has no lines, and its connector fits longer ones.
        if (request.Lines is null || request.Lines.Count > Limits.Lines || (request.Lines.Count == 0 && !request.FromPlatform))
        {
            errors.Add(new FieldError("lines", $"must hold 1 to {Limits.Lines} lines"));
            return (lines, upsells, ignored);
        }

        var claimed = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < request.Lines.Count; i++)
        {
            if (ValidateLine(errors, $"lines[{i}]", request.Lines[i], request.FromPlatform ? int.MaxValue : Limits.Quantity) is not { } line)
            {
                continue;
            }

            lines.Add(line);
            // A follow-up email's token waits in an inbox for days; a storefront token is spent within the visit.
            if (request.Lines[i].UpsellToken is not { } token)
            {
                continue;
            }

            var field = $"lines[{i}].upsellToken";
            if (!signer.TryVerify(token, placedAt, moment => moment == Moment.PostPurchase ? emailTokenMaxAge : tokenMaxAge, out var decision, out var tokenError))
            {
                ignored.Add(new FieldError(field, tokenError!));
            }
            else if (decision!.Product is null)
            {
                ignored.Add(new FieldError(field, "names no product (its offer has neither SKU nor platform id, or it was signed before tokens named one), so the line is not an upsell"));
            }
            else if (!OfferedProduct.Matches(decision.Product, line.Sku, line.ProductId))
            {
                ignored.Add(new FieldError(field, "was given for another product than this line's, so the line is not an upsell"));
            }
            else if (!claimed.TryAdd(decision.CountKey, i))
            {
                ignored.Add(new FieldError(field, $"is already on lines[{claimed[decision.CountKey]}]; a token attributes one line"));
            }
            else
            {
                upsells.Add(new UpsellMessage(i, QueuedDecision.From(decision), line.Total));
            }
        }

        return (lines, upsells, ignored);
    }

    private static OrderLineMessage? ValidateLine(List<FieldError> errors, string field, OrderLineRequest? line, int maxQuantity)
    {
        if (line is null)
        {
            errors.Add(new FieldError(field, "is required"));
            return null;
        }

        var before = errors.Count;
        Fields.RequireName(errors, $"{field}.sku", line.Sku);

        if (string.IsNullOrWhiteSpace(line.Name) || line.Name.Length > Limits.LineNameLength || line.Name.Any(char.IsControl))
        {
            errors.Add(new FieldError($"{field}.name", $"must be 1 to {Limits.LineNameLength} printable characters"));
        }

        Fields.RequireName(errors, $"{field}.category", line.Category, required: false);

        if (line.UnitPrice is not (>= 0 and <= Limits.OrderAmount))
        {
            errors.Add(new FieldError($"{field}.unitPrice", $"must be between 0 and {Limits.OrderAmount} minor units"));
        }

        if (line.Quantity is not { } quantity || quantity < 1 || quantity > maxQuantity)
        {
            errors.Add(new FieldError($"{field}.quantity", $"must be between 1 and {maxQuantity}"));
        }

        Fields.RequireName(errors, $"{field}.lineId", line.LineId, required: false);

        if (line.UpsellToken is { Length: > 1024 })
        {
            errors.Add(new FieldError($"{field}.upsellToken", "is too long to be a decision token"));
        }

        Fields.RequireName(errors, $"{field}.productId", line.ProductId, required: false);

        return errors.Count == before ? new OrderLineMessage(line.Sku!, line.Name!, line.Category, line.UnitPrice!.Value, line.Quantity!.Value, line.LineId, line.ProductId) : null;
    }

    private static OrderCustomerMessage? ValidateCustomer(List<FieldError> errors, OrderCustomerRequest? customer)
    {
        if (customer is null)
        {
            errors.Add(new FieldError("customer", "is required"));
            return null;
        }

        var consent = customer.MarketingConsent ?? false;
        if (customer.Email is not null && !IsEmail(customer.Email))
        {
            errors.Add(new FieldError("customer.email", "must be an email address"));
        }
        else if (consent && customer.Email is null)
        {
            errors.Add(new FieldError("customer.email", "is required when the customer consented to marketing email"));
        }

        if (customer.Locale is not null && !MoneyFormatter.IsKnownLocale(customer.Locale))
        {
            errors.Add(new FieldError("customer.locale", "must be a known locale such as de-DE or en"));
        }

        if (customer.TimeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(customer.TimeZone, out _))
        {
            errors.Add(new FieldError("customer.timeZone", "must be an IANA time zone such as Europe/Berlin"));
        }

        if (customer.VisitorId is not null && !Fields.IsId(customer.VisitorId))
        {
            errors.Add(new FieldError("customer.visitorId", $"must be 1 to {Limits.IdLength} letters, digits, '.', '_', '-' or ':'"));
        }

        if (customer.OrderCount is < 0 or > 100_000)
        {
            errors.Add(new FieldError("customer.orderCount", "must be the number of earlier orders, 0 to 100000"));
        }

        // Without consent the address is not needed for anything, so it is not kept.
        return new OrderCustomerMessage(consent ? customer.Email : null, consent, customer.Locale, customer.TimeZone, customer.VisitorId, customer.OrderCount);
    }

    /// <summary>Whether a value is a plain email address we can send to.</summary>
    public static bool IsEmail(string value) =>
        value.Length <= Limits.EmailLength
        && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && MailAddress.TryCreate(value, out var address)
        && address.Address == value
        && address.Host.Contains('.', StringComparison.Ordinal);

    /// <summary>A webhook's timestamp: required, and not further in the future than clocks drift; now when it is missing.</summary>
    public static DateTimeOffset RequireTime(List<FieldError> errors, string field, DateTimeOffset? value, DateTimeOffset now, TimeSpan maxClockSkew)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is not { } time)
        {
            errors.Add(new FieldError(field, "is required"));
            return now;
        }

        if (time - now > maxClockSkew)
        {
            errors.Add(new FieldError(field, $"lies in the future ({time:O})"));
        }

        return time;
    }
}
