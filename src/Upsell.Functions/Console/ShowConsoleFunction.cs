using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Upsell.Functions.Http;

namespace Upsell.Functions.Console;

/// <summary>
/// The merchant's console: <c>/api/manage/console</c> and its modules beside it. The page and its files hold no
/// data, so they need no key; the page asks for the function key once and sends it on every admin call. Every
/// response forbids framing by others, sends no referrer and allows no inline script or style. The preview frame
/// runs the storefront's real upsell.js, which styles its cards with an inline style element, so that one page
/// alone allows inline styles.
/// </summary>
public sealed class ShowConsoleFunction
{
    public const string Policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    public const string PreviewPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    private static readonly Dictionary<string, string> Assets = new(StringComparer.Ordinal)
    {
        ["console.css"] = "text/css; charset=utf-8",
        ["console.js"] = "text/javascript; charset=utf-8",
        ["api.js"] = "text/javascript; charset=utf-8",
        ["forms.js"] = "text/javascript; charset=utf-8",
        ["money.js"] = "text/javascript; charset=utf-8",
        ["offers.js"] = "text/javascript; charset=utf-8",
        ["offer-editor.js"] = "text/javascript; charset=utf-8",
        ["experiments.js"] = "text/javascript; charset=utf-8",
        ["bandit.js"] = "text/javascript; charset=utf-8",
        ["preview.js"] = "text/javascript; charset=utf-8",
        ["preview.html"] = "text/html; charset=utf-8",
        ["preview-frame.js"] = "text/javascript; charset=utf-8",
        ["upsell.js"] = "text/javascript; charset=utf-8",
    };

    private static readonly StaticFiles Files = new(Path.Combine(AppContext.BaseDirectory, "console"));

    [Function(nameof(ShowConsole))]
    public IActionResult ShowConsole(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/console")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        request.HttpContext.Response.Headers.ContentSecurityPolicy = Policy;
        return Files.Serve(request, "console.html", "text/html; charset=utf-8");
    }

    [Function(nameof(GetConsoleAsset))]
    public IActionResult GetConsoleAsset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/console/{file}")] HttpRequest request,
        string file)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = request.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = file == "preview.html" ? PreviewPolicy : Policy;
        headers["Referrer-Policy"] = "no-referrer";
        return Files.ServeListed(request, file, Assets, "no-cache", "the console");
    }
}
