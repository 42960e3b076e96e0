namespace Upsell.Infrastructure.Orders;

/// <summary>Who ordered, as far as the follow-up needs it; the email is only kept when they consented to marketing.</summary>
public sealed record OrderCustomerMessage(string? Email, bool MarketingConsent, string? Locale, string? TimeZone, string? VisitorId);
