using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Upsell.Functions.Http;
using Upsell.Infrastructure.Catalog;

namespace Upsell.Functions.Console;

/// <summary>
/// The merchant's console: <c>/api/manage/console</c> and its modules beside it. The page and its files hold no
/// data, so they need no key; the page asks for the function key once and sends it on every admin call. Every
/// response forbids framing by others, sends no referrer and allows no inline script or style. The preview frame
/// runs the storefront's real upsell.js, which styles its cards with an inline style element, so that one page
/// alone allows inline styles, and the shop's stylesheet when one is set (<see cref="PreviewOptions"/>).
/// <c>settings.json</c> beside the files tells the preview the shop's address and stylesheet.
/// </summary>
public sealed class ShowConsoleFunction(IOptions<PreviewOptions> preview)
{
    /// <summary>The file the preview reads its settings from.</summary>
    public const string SettingsFile = "settings.json";

    public const string Policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    public const string PreviewPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    /// <summary>The page and every file the build put beside it: <c>wwwroot/</c> and the storefront's upsell.js.</summary>
    public static StaticFiles Files { get; } = new(Path.Combine(AppContext.BaseDirectory, "console"), "console.html");

    /// <summary>The preview page's policy: inline styles for upsell.js's cards, and the shop's stylesheet origin when set.</summary>
    public static string PreviewPolicyFor(string? stylesheetOrigin) =>
        stylesheetOrigin is null ? PreviewPolicy : PreviewPolicy.Replace("style-src 'self' 'unsafe-inline'", $"style-src 'self' 'unsafe-inline' {stylesheetOrigin}", StringComparison.Ordinal);

    [Function(nameof(ShowConsole))]
    public IActionResult ShowConsole(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/console")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        request.HttpContext.Response.Headers.ContentSecurityPolicy = Policy;
        return Files.ServePage(request);
    }

    [Function(nameof(GetConsoleAsset))]
    public IActionResult GetConsoleAsset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/console/{file}")] HttpRequest request,
        string file)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = request.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = file == "preview.html" ? PreviewPolicyFor(preview.Value.StylesheetOrigin) : Policy;
        headers["Referrer-Policy"] = "no-referrer";
        if (file == SettingsFile)
        {
            headers.CacheControl = "no-cache";
            return Responses.Json(new PreviewSettings(preview.Value.ShopUrl, preview.Value.StylesheetUrl), ApiJson.Default.PreviewSettings);
        }

        return Files.ServeAsset(request, file, "no-cache", "the console");
    }
}

/// <summary>What the preview needs to look like the shop: its address and its stylesheet (each empty when not set).</summary>
public sealed record PreviewSettings(string ShopUrl, string StylesheetUrl);
