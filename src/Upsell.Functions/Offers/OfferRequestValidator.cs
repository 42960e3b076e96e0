using Upsell.Domain;
using Upsell.Domain.Money;
using Upsell.Domain.Offers;
using Upsell.Domain.Validation;

namespace Upsell.Functions.Offers;

/// <summary>Turns a storefront request into a <see cref="ShopperContext"/>, or names every field that is wrong.</summary>
public static class OfferRequestValidator
{
    public static (ShopperContext? Shopper, IReadOnlyList<FieldError> Errors) Validate(OfferRequest request, Moment moment)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<FieldError>();
        Fields.RequireId(errors, "sessionId", request.SessionId);
        Fields.RequireId(errors, "visitorId", request.VisitorId);
        var cart = ValidateCart(errors, request.Cart);
        var (device, country) = ValidateWhere(errors, request);
        var orderCount = ValidateCustomer(errors, request.Customer);
        var signal = ValidateSignal(errors, moment, request.Signal);
        var onPage = ValidateOnPage(errors, request.OnPage);
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
            OnPage = onPage,
        }, errors);
    }

    // The offers the page shows already, so nothing on it offers their products at another price.
    private static List<PageOffer> ValidateOnPage(List<FieldError> errors, IReadOnlyList<PageOfferRequest>? offers)
    {
        var page = new List<PageOffer>();
        if (offers is null)
        {
            return page;
        }

        if (offers.Count > Limits.OnPage)
        {
            errors.Add(new FieldError("onPage", $"must have at most {Limits.OnPage} offers"));
            return page;
        }

        for (var i = 0; i < offers.Count; i++)
        {
            var field = $"onPage[{i}]";
            var before = errors.Count;
            if (offers[i] is not { } offer)
            {
                errors.Add(new FieldError(field, "is required"));
                continue;
            }

            Fields.RequireName(errors, $"{field}.sku", offer.Sku, required: false);
            Fields.RequireName(errors, $"{field}.externalId", offer.ExternalId, required: false);
            if (offer.Sku is null && offer.ExternalId is null)
            {
                errors.Add(new FieldError(field, "needs a sku or an externalId"));
            }

            ValidateUnitPrice(errors, field, offer.UnitPrice);
            var currency = offer.Currency ?? Money.DefaultCurrency;
            ValidateCurrency(errors, field, currency);
            if (errors.Count == before)
            {
                page.Add(new PageOffer(offer.Sku, offer.ExternalId, new Money(offer.UnitPrice!.Value, currency)));
            }
        }

        return page;
    }

    // The shopper's device, country and locale, each optional.
    private static (Device Device, string? Country) ValidateWhere(List<FieldError> errors, OfferRequest request)
    {
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

        return (device, country);
    }

    // Exit intent says what signalled it; no other moment has a signal.
    private static ExitSignal? ValidateSignal(List<FieldError> errors, Moment moment, string? signal)
    {
        if (moment != Moment.ExitIntent)
        {
            if (signal is not null)
            {
                errors.Add(new FieldError("signal", "is only for POST /api/offers/exit-intent"));
            }

            return null;
        }

        if (signal is null)
        {
            errors.Add(new FieldError("signal", "is required for exit intent"));
            return null;
        }

        if (Wire.TryParse<ExitSignal>(signal, out var parsed))
        {
            return parsed;
        }

        errors.Add(new FieldError("signal", $"must be one of {string.Join(", ", Wire.All<ExitSignal>())}"));
        return null;
    }

    private static List<CartLine> ValidateCart(List<FieldError> errors, IReadOnlyList<CartLineRequest>? lines)
    {
        var cart = new List<CartLine>();
        if (lines is null)
        {
            return cart;
        }

        if (lines.Count > Limits.Lines)
        {
            errors.Add(new FieldError("cart", $"must have at most {Limits.Lines} lines"));
            return cart;
        }

        string? currency = null;
        for (var i = 0; i < lines.Count; i++)
        {
            if (ValidateLine(errors, $"cart[{i}]", lines[i], ref currency) is { } line)
            {
                cart.Add(line);
            }
        }

        return cart;
    }

    // One cart line; the first line's currency is the cart's, and every other line must have it too.
    private static CartLine? ValidateLine(List<FieldError> errors, string field, CartLineRequest? line, ref string? currency)
    {
        if (line is null)
        {
            errors.Add(new FieldError(field, "is required"));
            return null;
        }

        var before = errors.Count;
        Fields.RequireName(errors, $"{field}.sku", line.Sku);
        Fields.RequireName(errors, $"{field}.category", line.Category, required: false);

        ValidateUnitPrice(errors, field, line.UnitPrice);
        if (line.Quantity is not (>= 1 and <= Limits.Quantity))
        {
            errors.Add(new FieldError($"{field}.quantity", $"must be between 1 and {Limits.Quantity}"));
        }

        var lineCurrency = line.Currency ?? Money.DefaultCurrency;
        if (ValidateCurrency(errors, field, lineCurrency) && currency is not null && lineCurrency != currency)
        {
            errors.Add(new FieldError($"{field}.currency", $"must be the cart's currency {currency}; a cart has one currency"));
        }

        currency ??= lineCurrency;
        return errors.Count == before ? new CartLine(line.Sku!, line.Category, new Money(line.UnitPrice!.Value, lineCurrency), line.Quantity!.Value) : null;
    }

    // A unit price in minor units, as a cart line and an offer on the page give it.
    private static void ValidateUnitPrice(List<FieldError> errors, string field, long? unitPrice)
    {
        if (unitPrice is not (>= 0 and <= Limits.Price))
        {
            errors.Add(new FieldError($"{field}.unitPrice", $"must be between 0 and {Limits.Price} minor units"));
        }
    }

    // A currency in use; false (and the error) when it is not.
    private static bool ValidateCurrency(List<FieldError> errors, string field, string currency)
    {
        if (MoneyFormatter.IsKnownCurrency(currency))
        {
            return true;
        }

        errors.Add(new FieldError($"{field}.currency", "must be an ISO 4217 code in use, such as EUR"));
        return false;
    }

    private static int ValidateCustomer(List<FieldError> errors, CustomerRequest? customer)
    {
        if (customer is null)
        {
            return 0;
        }

        if (customer.OrderCount is < 0 or > Limits.OrderCount)
        {
            errors.Add(new FieldError("customer.orderCount", $"must be between 0 and {Limits.OrderCount}"));
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
