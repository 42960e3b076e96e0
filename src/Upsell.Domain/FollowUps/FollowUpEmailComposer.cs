using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Upsell.Domain.FollowUps;

/// <summary>
/// Writes the follow-up email: thanks, what was bought, one add-on with its price and link, and the shop's name,
/// address and unsubscribe link. Every text that came from outside is HTML-encoded in the HTML part.
/// </summary>
public static class FollowUpEmailComposer
{
    // Encodes what HTML gives meaning to (< > & " ' and the like) and leaves letters such as ß, é or € readable.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>What the email says, in the recipient's language: the built-in email and a dynamic template both show it.</summary>
    public static FollowUpTemplateData Data(FollowUpContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var texts = EmailTexts.For(content.Locale);
        var offer = content.Offer;
        return new FollowUpTemplateData(
            content.Locale,
            texts.Language,
            Format(texts.Subject, offer.Headline),
            Format(texts.Thanks, content.ShopName),
            texts.Bought,
            [.. content.Bought.Select(b => b.Quantity > 1 ? $"{b.Quantity} × {b.Name}" : b.Name)],
            texts.Suggestion,
            new TemplateOffer(offer.Headline, offer.Body, offer.CallToAction, content.PriceText, content.OfferUrl),
            content.ShopName,
            content.ShopAddress,
            Format(texts.Why, content.ShopName),
            texts.Unsubscribe,
            content.UnsubscribeUrl);
    }

    /// <summary>Composes the email for <paramref name="content"/>.</summary>
    public static FollowUpEmail Compose(FollowUpContent content)
    {
        var d = Data(content);
        var text = new StringBuilder()
            .AppendLine(d.Thanks)
            .AppendLine()
            .AppendLine(d.BoughtHeading);
        foreach (var line in d.Bought)
        {
            text.Append("- ").AppendLine(line);
        }

        text.AppendLine()
            .AppendLine(d.Suggestion)
            .AppendLine(d.Offer.Headline)
            .AppendLine(d.Offer.Body)
            .AppendLine(d.Offer.Price)
            .Append(d.Offer.CallToAction).Append(": ").AppendLine(d.Offer.Url)
            .AppendLine()
            .AppendLine("--")
            .AppendLine(d.ShopName)
            .AppendLine(d.ShopAddress)
            .AppendLine(d.Why)
            .Append(d.UnsubscribeLabel).Append(": ").AppendLine(d.UnsubscribeUrl);

        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(d.Language).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").Append(E(d.Subject)).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:24px;background:#f6f6f6;font-family:Arial,Helvetica,sans-serif;color:#222;\">")
            .Append("<div style=\"max-width:560px;margin:0 auto;background:#fff;padding:24px;border-radius:8px;\">")
            .Append("<p>").Append(E(d.Thanks)).Append("</p>")
            .Append("<p>").Append(E(d.BoughtHeading)).Append("</p><ul>");
        foreach (var line in d.Bought)
        {
            html.Append("<li>").Append(E(line)).Append("</li>");
        }

        html.Append("</ul><hr style=\"border:none;border-top:1px solid #ddd;\">")
            .Append("<p>").Append(E(d.Suggestion)).Append("</p>")
            .Append("<h2 style=\"font-size:20px;margin:8px 0;\">").Append(E(d.Offer.Headline)).Append("</h2>")
            .Append("<p>").Append(E(d.Offer.Body)).Append("</p>")
            .Append("<p style=\"font-size:18px;font-weight:bold;\">").Append(E(d.Offer.Price)).Append("</p>")
            .Append("<p><a href=\"").Append(E(d.Offer.Url)).Append("\" style=\"display:inline-block;padding:12px 20px;background:#1a56db;color:#fff;text-decoration:none;border-radius:6px;\">")
            .Append(E(d.Offer.CallToAction)).Append("</a></p></div>")
            .Append("<div style=\"max-width:560px;margin:16px auto 0;font-size:12px;color:#666;\">")
            .Append("<p>").Append(E(d.ShopName)).Append("<br>").Append(E(d.ShopAddress)).Append("</p>")
            .Append("<p>").Append(E(d.Why)).Append(" <a href=\"").Append(E(d.UnsubscribeUrl)).Append("\" style=\"color:#666;\">")
            .Append(E(d.UnsubscribeLabel)).Append("</a></p></div></body></html>");

        return new FollowUpEmail(d.Subject, text.ToString(), html.ToString(), d);
    }

    private static string E(string text) => Encoder.Encode(text);

    private static string Format(string template, string value) => string.Format(CultureInfo.InvariantCulture, template, value);
}
