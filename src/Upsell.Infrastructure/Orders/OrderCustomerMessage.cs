namespace Upsell.Infrastructure.Orders;

/// <summary>
/// Who ordered, as far as the follow-up needs it; the email is only kept when they consented to marketing.
/// <see cref="OrderCount"/> is the orders placed before this one (0: a first-time buyer), when the backend knows it.
/// </summary>
public sealed record OrderCustomerMessage(string? Email, bool MarketingConsent, string? Locale, string? TimeZone, string? VisitorId, int? OrderCount = null);
