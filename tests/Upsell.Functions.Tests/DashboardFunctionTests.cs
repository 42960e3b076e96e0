using Upsell.Functions.Dashboard;

namespace Upsell.Functions.Tests;

/// <summary>The dashboard page and its assets as the app serves them: chart.js from npm, nothing else from disk.</summary>
public class DashboardFunctionTests
{
    [Fact]
    public void It_serves_its_wwwroot_chart_js_and_the_consoles_api_and_money_modules_and_nothing_else()
    {
        var wwwroot = Directory.GetFiles(Path.Combine(Upsell.Tests.Azurite.RepositoryRoot(), "src", "Upsell.Functions", "Dashboard", "wwwroot"))
            .Select(p => Path.GetFileName(p)).Where(n => n != "dashboard.html");

        Assert.Equal(wwwroot.Concat(["chart.umd.js", "api.js", "money.js"]).Order(StringComparer.Ordinal), ShowDashboardFunction.Files.Assets.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_page_is_served_uncached_with_a_policy_that_allows_only_its_own_scripts()
    {
        var request = Http.Request("GET");

        var response = await Http.ExecuteAsync(request, new ShowDashboardFunction().ShowDashboard(request));

        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/html", response.ContentType, StringComparison.Ordinal);
        Assert.Contains("<script src=\"dashboard/chart.umd.js\" defer></script>", response.Body, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
        Assert.Contains("script-src 'self'", response.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chart.umd.js", "Chart.js v4")]
    [InlineData("dashboard.js", "reports/holdout")]
    [InlineData("dashboard.css", ".canvas")]
    [InlineData("api.js", "x-functions-key")]
    [InlineData("money.js", "Intl.NumberFormat")]
    public async Task Its_assets_are_served_with_their_content_type(string file, string content)
    {
        var request = Http.Request("GET");

        var response = await Http.ExecuteAsync(request, new ShowDashboardFunction().GetDashboardAsset(request, file));

        Assert.Equal(200, response.Status);
        Assert.Contains(content, response.Body, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.XContentTypeOptions.ToString());
    }

    [Theory]
    [InlineData("dashboard.html")]
    [InlineData("..%2Fhost.json")]
    [InlineData("Upsell.Functions.dll")]
    public async Task Nothing_else_is_served(string file)
    {
        var request = Http.Request("GET");

        var response = await Http.ExecuteAsync(request, new ShowDashboardFunction().GetDashboardAsset(request, file));

        Assert.Equal(404, response.Status);
    }
}
