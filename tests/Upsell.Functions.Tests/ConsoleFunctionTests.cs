using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Upsell.Functions.Console;
using Upsell.Infrastructure.Catalog;

namespace Upsell.Functions.Tests;

/// <summary>The console page and every file it serves: no referrer, a strict policy, the storefront's own upsell.js.</summary>
public class ConsoleFunctionTests
{
    // What the console is made of: its wwwroot/ beside the page, and the storefront's upsell.js for the preview.
    public static TheoryData<string> Files => new(Expected());

    [Fact]
    public void It_serves_exactly_the_files_of_its_wwwroot_and_the_storefront_script() =>
        Assert.Equal(Expected(), ShowConsoleFunction.Files.Assets.Keys.Order(StringComparer.Ordinal));

    private static IEnumerable<string> Expected() =>
        Directory.GetFiles(Path.Combine(Upsell.Tests.Azurite.RepositoryRoot(), "src", "Upsell.Functions", "Console", "wwwroot"))
            .Select(p => Path.GetFileName(p)).Where(n => n != "console.html").Append("upsell.js").Order(StringComparer.Ordinal);

    [Fact]
    public async Task The_page_sends_no_referrer_and_allows_no_inline_script_or_style()
    {
        var request = Http.Request("GET");

        var response = await Http.ExecuteAsync(request, Console().ShowConsole(request));

        Assert.Equal(200, response.Status);
        Assert.Contains("<script type=\"module\" src=\"console/console.js\"></script>", response.Body, StringComparison.Ordinal);
        AssertStrict(response, ShowConsoleFunction.Policy);
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_file_is_served_with_no_referrer_and_the_policy(string file)
    {
        var request = Http.Request("GET");

        var response = await Http.ExecuteAsync(request, Console().GetConsoleAsset(request, file));

        Assert.Equal(200, response.Status);
        Assert.Equal("nosniff", response.Headers.XContentTypeOptions.ToString());
        AssertStrict(response, file == "preview.html" ? ShowConsoleFunction.PreviewPolicy : ShowConsoleFunction.Policy);
    }

    [Fact]
    public async Task The_preview_loads_the_shops_stylesheet_and_draws_shop_paths_from_the_shops_address_when_they_are_set()
    {
        var shop = new PreviewOptions { ShopUrl = "https://shop.example", StylesheetUrl = "https://cdn.shop.example/theme.css?v=3" };
        var (page, settings) = (Http.Request("GET"), Http.Request("GET"));

        var preview = await Http.ExecuteAsync(page, Console(shop).GetConsoleAsset(page, "preview.html"));
        var answer = await Http.ExecuteAsync(settings, Console(shop).GetConsoleAsset(settings, ShowConsoleFunction.SettingsFile));
        var plain = await Http.ExecuteAsync(Http.Request("GET"), Console().GetConsoleAsset(Http.Request("GET"), ShowConsoleFunction.SettingsFile));

        Assert.Contains("style-src 'self' 'unsafe-inline' https://cdn.shop.example;", preview.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
        Assert.Equal(("https://shop.example", "https://cdn.shop.example/theme.css?v=3"), (answer.Json.GetProperty("shopUrl").GetString(), answer.Json.GetProperty("stylesheetUrl").GetString()));
        Assert.Equal(("", ""), (plain.Json.GetProperty("shopUrl").GetString(), plain.Json.GetProperty("stylesheetUrl").GetString()));
    }

    [Theory]
    [InlineData("http://shop.example")]
    [InlineData("shop.example")]
    [InlineData("https://user:secret@shop.example")]
    public void A_shop_address_that_is_not_plain_https_is_refused_at_start(string url)
    {
        var options = new PreviewOptions { ShopUrl = url };

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
    }

    [Fact]
    public async Task The_preview_runs_the_storefronts_upsell_js_byte_for_byte()
    {
        var request = Http.Request("GET");

        var response = await Http.ExecuteAsync(request, Console().GetConsoleAsset(request, "upsell.js"));

        Assert.Equal(File.ReadAllText(Path.Combine(Upsell.Tests.Azurite.RepositoryRoot(), "storefront", "upsell.js")), response.Body);
    }

    [Theory]
    [InlineData("console.html")]
    [InlineData("..%2Fhost.json")]
    [InlineData("dashboard.js")]
    public async Task Nothing_else_is_served_and_the_refusal_is_just_as_strict(string file)
    {
        var request = Http.Request("GET");

        var response = await Http.ExecuteAsync(request, Console().GetConsoleAsset(request, file));

        Assert.Equal(404, response.Status);
        AssertStrict(response, ShowConsoleFunction.Policy);
    }

    [Fact]
    public async Task The_reports_dashboard_sends_no_referrer_either()
    {
        var request = Http.Request("GET");

        var response = await Http.ExecuteAsync(request, new Dashboard.ShowDashboardFunction().ShowDashboard(request));

        Assert.Equal("no-referrer", response.Headers["Referrer-Policy"].ToString());
    }

    private static void AssertStrict(Http.Response response, string policy)
    {
        Assert.Equal("no-referrer", response.Headers["Referrer-Policy"].ToString());
        var csp = response.Headers.ContentSecurityPolicy.ToString();
        Assert.Equal(policy, csp);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-eval'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp, StringComparison.Ordinal);
    }

    private static ShowConsoleFunction Console(PreviewOptions? options = null) => new(Options.Create(options ?? new PreviewOptions()));
}
