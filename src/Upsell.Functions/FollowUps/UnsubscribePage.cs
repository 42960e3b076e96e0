using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Upsell.Functions.Http;

namespace Upsell.Functions.FollowUps;

/// <summary>
/// The small HTML pages of the unsubscribe link: confirm, done, and a link that does not work. Each carries a token
/// that stands for an address, so it is never cached, framed, sniffed or sent on as a referrer, and its policy allows
/// its one style element (by hash), its form back to this route, and nothing else.
/// </summary>
public static class UnsubscribePage
{
    private const string Style = "body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#222}"
        + "button{font-size:1rem;padding:.6rem 1.2rem;border-radius:6px;border:1px solid #444;background:#222;color:#fff;cursor:pointer}";

    /// <summary>The pages' Content-Security-Policy.</summary>
    public static readonly string Policy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static readonly Dictionary<string, string> Headers = new(StringComparer.Ordinal)
    {
        ["Content-Security-Policy"] = Policy,
        ["Cache-Control"] = "no-store",
        ["Referrer-Policy"] = "no-referrer",
    };

    public static SecureContentResult Confirm(string token) => Page(
        StatusCodes.Status200OK,
        "Unsubscribe",
        "<p>Stop all emails from this shop to your address?</p>"
        + $"<form method=\"post\" action=\"?token={WebUtility.HtmlEncode(Uri.EscapeDataString(token))}\">"
        + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
        + "<button type=\"submit\">Unsubscribe</button></form>");

    public static SecureContentResult Done() => Page(
        StatusCodes.Status200OK,
        "You are unsubscribed",
        "<p>You will get no more emails from this shop, and no more offers.</p>");

    public static SecureContentResult Invalid(string reason) => Page(
        StatusCodes.Status400BadRequest,
        "This link does not work",
        $"<p>This unsubscribe link {WebUtility.HtmlEncode(reason)}. Please use the link in the latest email from the shop, or reply to it.</p>");

    private static SecureContentResult Page(int status, string title, string body) => new()
    {
        Headers = Headers,
        StatusCode = status,
        ContentType = "text/html; charset=utf-8",
        Content = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<meta name=\"robots\" content=\"noindex\"><meta name=\"referrer\" content=\"no-referrer\">"
            + $"<title>{WebUtility.HtmlEncode(title)}</title>"
            + $"<style>{Style}</style></head>"
            + $"<body><h1>{WebUtility.HtmlEncode(title)}</h1>{body}</body></html>",
    };
}
