namespace Upsell.Domain.FollowUps;

/// <summary>
/// Everything one follow-up email says, as the fields of a SendGrid dynamic template: the same words the built-in
/// email is written from (<see cref="FollowUpEmailComposer"/>), unencoded, since Handlebars encodes what it prints.
/// </summary>
public sealed record FollowUpTemplateData(
    string? Locale,
    string Language,
    string Subject,
    string Thanks,
    string BoughtHeading,
    IReadOnlyList<string> Bought,
    string Suggestion,
    TemplateOffer Offer,
    string ShopName,
    string ShopAddress,
    string Why,
    string UnsubscribeLabel,
    string UnsubscribeUrl);

/// <summary>The add-on as the template shows it: its copy, its price in the recipient's locale and its link.</summary>
public sealed record TemplateOffer(string Headline, string Body, string CallToAction, string Price, string Url);
