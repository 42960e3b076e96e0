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

    /// <summary>Composes the email for <paramref name="content"/>.</summary>
    public static FollowUpEmail Compose(FollowUpContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var texts = EmailTexts.For(content.Locale);
        var offer = content.Offer;
        var subject = Format(texts.Subject, offer.Headline);
        var bought = content.Bought.Select(b => b.Quantity > 1 ? $"{b.Quantity} × {b.Name}" : b.Name).ToList();

        var text = new StringBuilder()
            .AppendLine(Format(texts.Thanks, content.ShopName))
            .AppendLine()
            .AppendLine(texts.Bought);
        foreach (var line in bought)
        {
            text.Append("- ").AppendLine(line);
        }

        text.AppendLine()
            .AppendLine(texts.Suggestion)
            .AppendLine(offer.Headline)
            .AppendLine(offer.Body)
            .AppendLine(content.PriceText)
            .Append(offer.CallToAction).Append(": ").AppendLine(content.OfferUrl)
            .AppendLine()
            .AppendLine("--")
            .AppendLine(content.ShopName)
            .AppendLine(content.ShopAddress)
            .AppendLine(Format(texts.Why, content.ShopName))
            .Append(texts.Unsubscribe).Append(": ").AppendLine(content.UnsubscribeUrl);

        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(texts.Language).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").Append(E(subject)).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:24px;background:#f6f6f6;font-family:Arial,Helvetica,sans-serif;color:#222;\">")
            .Append("<div style=\"max-width:560px;margin:0 auto;background:#fff;padding:24px;border-radius:8px;\">")
            .Append("<p>").Append(E(Format(texts.Thanks, content.ShopName))).Append("</p>")
            .Append("<p>").Append(E(texts.Bought)).Append("</p><ul>");
        foreach (var line in bought)
        {
            html.Append("<li>").Append(E(line)).Append("</li>");
        }

        html.Append("</ul><hr style=\"border:none;border-top:1px solid #ddd;\">")
            .Append("<p>").Append(E(texts.Suggestion)).Append("</p>")
            .Append("<h2 style=\"font-size:20px;margin:8px 0;\">").Append(E(offer.Headline)).Append("</h2>")
            .Append("<p>").Append(E(offer.Body)).Append("</p>")
            .Append("<p style=\"font-size:18px;font-weight:bold;\">").Append(E(content.PriceText)).Append("</p>")
            .Append("<p><a href=\"").Append(E(content.OfferUrl)).Append("\" style=\"display:inline-block;padding:12px 20px;background:#1a56db;color:#fff;text-decoration:none;border-radius:6px;\">")
            .Append(E(offer.CallToAction)).Append("</a></p></div>")
            .Append("<div style=\"max-width:560px;margin:16px auto 0;font-size:12px;color:#666;\">")
            .Append("<p>").Append(E(content.ShopName)).Append("<br>").Append(E(content.ShopAddress)).Append("</p>")
            .Append("<p>").Append(E(Format(texts.Why, content.ShopName))).Append(" <a href=\"").Append(E(content.UnsubscribeUrl)).Append("\" style=\"color:#666;\">")
            .Append(E(texts.Unsubscribe)).Append("</a></p></div></body></html>");

        return new FollowUpEmail(subject, text.ToString(), html.ToString());
    }

    private static string E(string text) => Encoder.Encode(text);

    private static string Format(string template, string value) => string.Format(CultureInfo.InvariantCulture, template, value);
}
