using Upsell.Domain;
using Upsell.Domain.Catalog;
using Upsell.Domain.Money;
using Upsell.Domain.Offers;

namespace Upsell.Functions.Offers;

/// <summary>Turns a storefront request into a <see cref="ShopperContext"/>, or names every field that is wrong.</summary>
public static class OfferRequestValidator
{
    public const int MaxCartLines = 100;
    public const long MaxUnitPrice = 10_000_000;
    public const int MaxQuantity = 999;
    public const int MaxOrderCount = 100_000;

    public static (ShopperContext? Shopper, IReadOnlyList<FieldError> Errors) Validate(OfferRequest request, Moment moment)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<FieldError>();
        Fields.RequireId(errors, "sessionId", request.SessionId);
        Fields.RequireId(errors, "visitorId", request.VisitorId);
        var cart = ValidateCart(errors, request.Cart);

        var device = Device.Desktop;
        if (request.Device is not null && !Wire.TryParse(request.Device, out device))
        {
            errors.Add(new FieldError("device", $"must be one of {string.Join(", ", Wire.All<Device>())}"));
        }

        var country = request.Country?.ToUpperInvariant();
        if (country is not null && !Fields.IsCountry(country))
        {
            errors.Add(new FieldError("country", "must be an ISO 3166 alpha-2 code such as DE"));
        }

        if (request.Locale is not null && !MoneyFormatter.IsKnownLocale(request.Locale))
        {
            errors.Add(new FieldError("locale", "must be a known locale such as de-DE or en"));
        }

        var orderCount = ValidateCustomer(errors, request.Customer);

        ExitSignal? signal = null;
        if (moment == Moment.ExitIntent)
        {
            if (request.Signal is null)
            {
                errors.Add(new FieldError("signal", "is required for exit intent"));
            }
            else if (Wire.TryParse<ExitSignal>(request.Signal, out var parsed))
            {
                signal = parsed;
            }
            else
            {
                errors.Add(new FieldError("signal", $"must be one of {string.Join(", ", Wire.All<ExitSignal>())}"));
            }
        }
        else if (request.Signal is not null)
        {
            errors.Add(new FieldError("signal", "is only for POST /api/offers/exit-intent"));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new ShopperContext
        {
            Moment = moment,
            SessionId = request.SessionId!,
            VisitorId = request.VisitorId!,
            Cart = cart,
            Device = device,
            Country = country,
            Locale = request.Locale,
            OrderCount = orderCount,
            ExitSignal = signal,
        }, errors);
    }

    private static List<CartLine> ValidateCart(List<FieldError> errors, IReadOnlyList<CartLineRequest>? lines)
    {
        var cart = new List<CartLine>();
        if (lines is null)
        {
            return cart;
        }

        if (lines.Count > MaxCartLines)
        {
            errors.Add(new FieldError("cart", $"must have at most {MaxCartLines} lines"));
            return cart;
        }

        string? currency = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var field = $"cart[{i}]";
            var line = lines[i];
            if (line is null)
            {
                errors.Add(new FieldError(field, "is required"));
                continue;
            }

            var before = errors.Count;
            if (!Fields.IsName(line.Sku))
            {
                errors.Add(new FieldError($"{field}.sku", $"must be 1 to {Fields.MaxNameLength} printable characters"));
            }

            if (line.Category is not null && !Fields.IsName(line.Category))
            {
                errors.Add(new FieldError($"{field}.category", $"must be 1 to {Fields.MaxNameLength} printable characters"));
            }

            if (line.UnitPrice is not ({ } price and >= 0 and <= MaxUnitPrice))
            {
                errors.Add(new FieldError($"{field}.unitPrice", $"must be between 0 and {MaxUnitPrice} minor units"));
            }

            if (line.Quantity is not (>= 1 and <= MaxQuantity))
            {
                errors.Add(new FieldError($"{field}.quantity", $"must be between 1 and {MaxQuantity}"));
            }

            var lineCurrency = line.Currency ?? Money.DefaultCurrency;
            if (!MoneyFormatter.IsKnownCurrency(lineCurrency))
            {
                errors.Add(new FieldError($"{field}.currency", "must be an ISO 4217 code in use, such as EUR"));
            }
            else if (currency is not null && lineCurrency != currency)
            {
                errors.Add(new FieldError($"{field}.currency", $"must be the cart's currency {currency}; a cart has one currency"));
            }

            currency ??= lineCurrency;
            if (errors.Count == before)
            {
                cart.Add(new CartLine(line.Sku!, line.Category, new Money(line.UnitPrice!.Value, lineCurrency), line.Quantity!.Value));
            }
        }

        return cart;
    }

    private static int ValidateCustomer(List<FieldError> errors, CustomerRequest? customer)
    {
        if (customer is null)
        {
            return 0;
        }

        if (customer.OrderCount is < 0 or > MaxOrderCount)
        {
            errors.Add(new FieldError("customer.orderCount", $"must be between 0 and {MaxOrderCount}"));
            return 0;
        }

        if (customer.FirstTime is { } firstTime && customer.OrderCount is { } count && firstTime != (count == 0))
        {
            errors.Add(new FieldError("customer.firstTime", "contradicts customer.orderCount"));
            return 0;
        }

        // "Returning" without a count is at least one order.
        return customer.OrderCount ?? (customer.FirstTime == false ? 1 : 0);
    }
}
