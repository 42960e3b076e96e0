using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Upsell.Functions.Http;

namespace Upsell.Functions.Dashboard;

/// <summary>
/// The merchant's dashboard: <c>/api/manage/dashboard</c> and its script, styles and chart.js beside it. The page and
/// its files hold no data, so they need no key, like the console's: the page asks for the function key (or takes the
/// console's, kept in the tab) and sends it in a header on every report call, never in a URL.
/// </summary>
public sealed class ShowDashboardFunction
{
    private static readonly Dictionary<string, string> Assets = new(StringComparer.Ordinal)
    {
        ["dashboard.js"] = "text/javascript; charset=utf-8",
        ["dashboard.css"] = "text/css; charset=utf-8",
        ["chart.umd.js"] = "text/javascript; charset=utf-8",
    };

    private static readonly StaticFiles Files = new(Path.Combine(AppContext.BaseDirectory, "dashboard"));

    [Function(nameof(ShowDashboard))]
    public IActionResult ShowDashboard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/dashboard")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        return Files.Serve(request, "dashboard.html", "text/html; charset=utf-8");
    }

    [Function(nameof(GetDashboardAsset))]
    public IActionResult GetDashboardAsset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/dashboard/{file}")] HttpRequest request,
        string file)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Files.ServeListed(request, file, Assets, "public, max-age=300", "the dashboard");
    }
}
