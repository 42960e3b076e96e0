using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Upsell.Functions.FollowUps;

/// <summary>The small HTML pages of the unsubscribe link: confirm, done, and a link that does not work.</summary>
public static class UnsubscribePage
{
    public static ContentResult Confirm(string token) => Page(
        StatusCodes.Status200OK,
        "Unsubscribe",
        "<p>Stop all emails from this shop to your address?</p>"
        + $"<form method=\"post\" action=\"?token={WebUtility.HtmlEncode(Uri.EscapeDataString(token))}\">"
        + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
        + "<button type=\"submit\">Unsubscribe</button></form>");

    public static ContentResult Done() => Page(
        StatusCodes.Status200OK,
        "You are unsubscribed",
        "<p>You will get no more emails from this shop, and no more offers.</p>");

    public static ContentResult Invalid(string reason) => Page(
        StatusCodes.Status400BadRequest,
        "This link does not work",
        $"<p>This unsubscribe link {WebUtility.HtmlEncode(reason)}. Please use the link in the latest email from the shop, or reply to it.</p>");

    private static ContentResult Page(int status, string title, string body) => new()
    {
        StatusCode = status,
        ContentType = "text/html; charset=utf-8",
        Content = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<meta name=\"robots\" content=\"noindex\"><meta name=\"referrer\" content=\"no-referrer\">"
            + $"<title>{WebUtility.HtmlEncode(title)}</title>"
            + "<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#222}"
            + "button{font-size:1rem;padding:.6rem 1.2rem;border-radius:6px;border:1px solid #444;background:#222;color:#fff;cursor:pointer}</style></head>"
            + $"<body><h1>{WebUtility.HtmlEncode(title)}</h1>{body}</body></html>",
    };
}
