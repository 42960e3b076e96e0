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
    /// <summary>The page and every file the build put beside it: <c>wwwroot/</c>, chart.js, and the console's api.js and money.js.</summary>
    public static StaticFiles Files { get; } = new(Path.Combine(AppContext.BaseDirectory, "dashboard"), "dashboard.html");

    [Function(nameof(ShowDashboard))]
    public IActionResult ShowDashboard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/dashboard")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        return Files.ServePage(request);
    }

    [Function(nameof(GetDashboardAsset))]
    public IActionResult GetDashboardAsset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/dashboard/{file}")] HttpRequest request,
        string file)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Files.ServeAsset(request, file, "public, max-age=300", "the dashboard");
    }
}
