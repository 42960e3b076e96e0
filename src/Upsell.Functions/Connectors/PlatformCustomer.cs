using Upsell.Application.Intake;
using Upsell.Domain.Money;
using Upsell.Domain.Validation;

namespace Upsell.Functions.Connectors;

/// <summary>
/// What a platform order says about its customer and currency, kept only where we can use it: a platform order is
/// never refused for an address we cannot mail, a locale we do not know or a visitor id that is not ours.
/// </summary>
public static class PlatformCustomer
{
    /// <summary>The order's currency when it is one we know; null otherwise, and the order is refused naming it.</summary>
    public static string? Currency(string? code) => code is not null && MoneyFormatter.IsKnownCurrency(code) ? code : null;

    /// <summary>The customer: the address only when it is one we can send to, consent only with an address.</summary>
    public static OrderCustomerRequest Of(string? email, bool consent, string? locale, string? visitor)
    {
        var address = email is not null && OrderRequestValidator.IsEmail(email) ? email : null;
        return new OrderCustomerRequest(
            address,
            consent && address is not null,
            locale is not null && MoneyFormatter.IsKnownLocale(locale) ? locale : null,
            null,
            visitor is not null && Fields.IsId(visitor) ? visitor : null);
    }
}
