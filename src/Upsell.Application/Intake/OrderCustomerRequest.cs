namespace Upsell.Application.Intake;

/// <summary>The customer as the follow-up email needs them.</summary>
public sealed record OrderCustomerRequest(string? Email, bool? MarketingConsent, string? Locale, string? TimeZone, string? VisitorId, int? OrderCount = null);
