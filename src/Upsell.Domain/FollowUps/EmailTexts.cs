namespace Upsell.Domain.FollowUps;

/// <summary>The fixed wording of the follow-up email around the offer's own copy, per language (English as fallback).</summary>
internal sealed record EmailTexts(
    string Language,
    string Subject,
    string Thanks,
    string Bought,
    string Suggestion,
    string Why,
    string Unsubscribe)
{
    private static readonly EmailTexts English = new(
        "en",
        "Thanks for your order: {0}",
        "Thank you for your order at {0}.",
        "You bought:",
        "Something that goes well with it:",
        "You get this email because you agreed to hear from {0} when you ordered.",
        "Unsubscribe");

    private static readonly EmailTexts German = new(
        "de",
        "Danke für Ihre Bestellung: {0}",
        "Vielen Dank für Ihre Bestellung bei {0}.",
        "Sie haben gekauft:",
        "Das passt dazu:",
        "Sie erhalten diese E-Mail, weil Sie bei Ihrer Bestellung zugestimmt haben, von {0} zu hören.",
        "Abmelden");

    public static EmailTexts For(string? locale) =>
        locale is not null && (locale == "de" || locale.StartsWith("de-", StringComparison.OrdinalIgnoreCase)) ? German : English;
}
