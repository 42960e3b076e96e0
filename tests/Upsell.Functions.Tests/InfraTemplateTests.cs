using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Upsell.Domain.FollowUps;
using Upsell.Infrastructure;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>infra/main.bicep as the Bicep CLI compiles it: the Function App it creates has every setting the app reads.</summary>
public partial class InfraTemplateTests
{
    private static readonly Lazy<JsonElement> Template = new(Compile);

    // Settings of local development that the Flex Consumption app has in another form.
    private static readonly Dictionary<string, string> ReplacedInAzure = new()
    {
        ["AzureWebJobsStorage"] = "identity-based AzureWebJobsStorage__* settings",
        ["FUNCTIONS_WORKER_RUNTIME"] = "functionAppConfig.runtime",
        ["UpsellStatsStorage"] = "identity-based UpsellStatsStorage__* settings (empty unless separateStatsAccount)",
    };

    public static TheoryData<string> BoundSettings()
    {
        var data = new TheoryData<string>();
        foreach (var setting in OptionsSettings().Concat(SampleSettings().Where(s => !ReplacedInAzure.ContainsKey(s))).Distinct().Order())
        {
            data.Add(setting);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BoundSettings))]
    public void The_Function_App_sets_every_setting_the_app_binds(string setting) =>
        Assert.Contains(setting, AppSettings().Keys);

    [Fact]
    public void The_options_classes_and_the_sample_name_the_same_settings() =>
        Assert.Equal(OptionsSettings().Order(), SampleSettings().Where(s => s.StartsWith("Upsell__", StringComparison.Ordinal)).Order());

    [Fact]
    public void The_host_refuses_a_huge_body_before_reading_it_but_leaves_room_for_the_apps_own_limits()
    {
        // The host reads a body whole before the app's limits apply; its default is 100 MB.
        var limit = long.Parse(AppSettings()["FUNCTIONS_REQUEST_BODY_SIZE_LIMIT"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(limit, Upsell.Functions.Connectors.PlatformWebhook.MaxBytes, 4 * 1024 * 1024);
        Assert.Equal(limit.ToString(System.Globalization.CultureInfo.InvariantCulture), SampleValue("FUNCTIONS_REQUEST_BODY_SIZE_LIMIT"));
    }

    [Fact]
    public void Storage_is_reached_through_the_managed_identity_without_account_keys()
    {
        var settings = AppSettings();

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.All(["__clientId", "__blobServiceUri", "__queueServiceUri", "__tableServiceUri"], s => Assert.Contains("AzureWebJobsStorage" + s, settings.Keys));
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        var text = Template.Value.GetRawText();
        Assert.DoesNotContain("listKeys", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey=", text, StringComparison.Ordinal);
        Assert.All(Resources("Microsoft.Storage/storageAccounts"), a => Assert.False(a.GetProperty("properties").GetProperty("allowSharedKeyAccess").GetBoolean()));
    }

    [Theory]
    [InlineData("Upsell__Tokens__SigningKey", "tokenSigningKey")]
    [InlineData("Upsell__Tokens__PreviousSigningKey", "previousTokenSigningKey")]
    [InlineData("Upsell__Decisions__HoldoutSalt", "holdoutSalt")]
    [InlineData("Upsell__Orders__WebhookSecret", "orderWebhookSecret")]
    [InlineData("Upsell__Orders__PreviousWebhookSecret", "previousOrderWebhookSecret")]
    [InlineData("Upsell__Shopify__WebhookSecret", "shopifyWebhookSecret")]
    [InlineData("Upsell__Shopify__PreviousWebhookSecret", "previousShopifyWebhookSecret")]
    [InlineData("Upsell__WooCommerce__WebhookSecret", "wooCommerceWebhookSecret")]
    [InlineData("Upsell__WooCommerce__PreviousWebhookSecret", "previousWooCommerceWebhookSecret")]
    [InlineData("Upsell__Unsubscribe__SigningKey", "unsubscribeSigningKey")]
    [InlineData("Upsell__Unsubscribe__PreviousSigningKey", "previousUnsubscribeSigningKey")]
    [InlineData("Upsell__Email__SendGridApiKey", "sendGridApiKey")]
    [InlineData("Upsell__Shopify__AdminAccessToken", "shopifyAdminAccessToken")]
    [InlineData("Upsell__WooCommerce__ConsumerKey", "wooCommerceConsumerKey")]
    [InlineData("Upsell__WooCommerce__ConsumerSecret", "wooCommerceConsumerSecret")]
    public void Every_secret_is_a_Key_Vault_reference(string setting, string reference)
    {
        Assert.Equal($"[parameters('vaultReferences').{reference}]", AppSettings()[setting]);
        var references = Templates().Select(t => t.TryGetProperty("outputs", out var o) && o.TryGetProperty("references", out var r) ? r : default)
            .Single(r => r.ValueKind == JsonValueKind.Object).GetProperty("value");
        Assert.Contains("__bicep.keyVaultReference(", references.GetProperty(reference).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void No_secret_appears_in_plain_text()
    {
        var secretNames = SecretName();
        foreach (var template in Templates())
        {
            foreach (var parameter in template.GetProperty("parameters").EnumerateObject().Where(p => secretNames.IsMatch(p.Name) && p.Value.GetProperty("type").GetString() is not "bool"))
            {
                Assert.Equal("securestring", parameter.Value.GetProperty("type").GetString());
                Assert.True(!parameter.Value.TryGetProperty("defaultValue", out var value) || value.GetString() == string.Empty, $"{parameter.Name} has a default");
            }
        }

        var literals = Strings(Template.Value).Where(s => !s.StartsWith('[')).ToList();
        Assert.DoesNotContain(literals, s => Base64Key().IsMatch(s) || s.StartsWith("SG.", StringComparison.Ordinal));
    }

    [Fact]
    public void The_app_is_dotnet_10_isolated_on_Flex_Consumption_HTTPS_only_with_TLS_1_2_and_storefront_and_Shopify_extension_CORS()
    {
        var app = Resource("Microsoft.Web/sites").GetProperty("properties");
        var runtime = app.GetProperty("functionAppConfig").GetProperty("runtime");

        Assert.Equal(("dotnet-isolated", "10.0"), (runtime.GetProperty("name").GetString(), runtime.GetProperty("version").GetString()));
        Assert.Equal("FlexConsumption", Resource("Microsoft.Web/serverfarms").GetProperty("sku").GetProperty("tier").GetString());
        Assert.True(app.GetProperty("httpsOnly").GetBoolean());
        Assert.Equal("1.2", app.GetProperty("siteConfig").GetProperty("minTlsVersion").GetString());
        // The storefront's origins, and Shopify's extension origins when the shop has the Shopify app.
        Assert.Equal("[concat(parameters('storefrontOrigins'), if(empty(parameters('shopifyClientId')), createArray(), variables('shopifyExtensionOrigins')))]",
            app.GetProperty("siteConfig").GetProperty("cors").GetProperty("allowedOrigins").GetString());
        Assert.Matches("\"shopifyExtensionOrigins\": \\[\\s*\"https://extensions.shopifycdn.com\",\\s*\"https://cdn.shopify.com\"\\s*\\]", Template.Value.GetRawText());
        Assert.Equal("UserAssigned", Resource("Microsoft.Web/sites").GetProperty("identity").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3")] // Storage Table Data Contributor
    [InlineData("974c5e8b-45b9-4653-ba55-5f855dd0fb88")] // Storage Queue Data Contributor
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b")] // Storage Blob Data Owner
    [InlineData("4633458b-17de-408a-b874-0445c86b69e6")] // Key Vault Secrets User
    public void The_identity_gets_each_role_in_an_assignment_named_with_guid(string role)
    {
        var assignments = Resources("Microsoft.Authorization/roleAssignments").ToList();
        var text = string.Join('\n', assignments.Select(a => a.GetRawText()) .Concat(Templates().Select(t => t.TryGetProperty("variables", out var v) ? v.GetRawText() : string.Empty)));

        Assert.Contains(role, text, StringComparison.Ordinal);
        Assert.All(assignments, a => Assert.StartsWith("[guid(", a.GetProperty("name").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public void The_stats_table_gets_its_own_identity_based_account_when_asked()
    {
        var settings = AppSettings();
        var resources = Template.Value.GetProperty("resources");
        var module = (resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(p => p.Value) : resources.EnumerateArray())
            .Single(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments" && r.GetProperty("name").GetString() == "stats-storage");
        var stats = module.GetProperty("properties").GetProperty("template");

        Assert.Equal("[parameters('separateStatsAccount')]", module.GetProperty("condition").GetString());
        Assert.Equal(2, Resources("Microsoft.Storage/storageAccounts").Count());
        Assert.Contains("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", stats.GetRawText(), StringComparison.Ordinal); // Storage Table Data Contributor
        Assert.All(["__tableServiceUri", "__credential", "__clientId"], s => Assert.Contains("UpsellStatsStorage" + s, settings.Keys));
    }

    [Fact]
    public void The_instance_count_keeps_to_Flex_Consumptions_bounds_and_nothing_Flex_rejects_is_set()
    {
        var count = Template.Value.GetProperty("parameters").GetProperty("maximumInstanceCount");
        var siteConfig = Resource("Microsoft.Web/sites").GetProperty("properties").GetProperty("siteConfig");

        Assert.Equal((40, 1000), (count.GetProperty("minValue").GetInt32(), count.GetProperty("maxValue").GetInt32()));
        // Flex Consumption refuses these site properties and app settings; its scale and runtime live in functionAppConfig.
        Assert.All(["ftpsState", "alwaysOn", "use32BitWorkerProcess", "linuxFxVersion", "netFrameworkVersion", "functionAppScaleLimit", "minimumElasticInstanceCount"],
            property => Assert.False(siteConfig.TryGetProperty(property, out _), $"siteConfig.{property} is set"));
        Assert.All(["FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTSHARE", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_NODE_DEFAULT_VERSION", "SCM_DO_BUILD_DURING_DEPLOYMENT"],
            setting => Assert.DoesNotContain(setting, AppSettings().Keys));
    }

    [Theory]
    [InlineData("poison", "upsell.poison.messages")]
    [InlineData("followups", "upsell.followups")]
    [InlineData("server-errors", "resultCode) >= 500")]
    [InlineData("server-errors", "operation_Id !in (cutOff)")]
    [InlineData("restarts", $"\"{Telemetry.WorkerLifetime.Started}\"")]
    [InlineData("traffic", "\"hasty-accept\"")]
    [InlineData("restarts", $"\"{Telemetry.WorkerLifetime.Stopped}\"")]
    public void An_alert_rule_watches_each_thing_an_operator_acts_on(string key, string watched)
    {
        var rule = Resources("Microsoft.Insights/scheduledQueryRules").Single();
        var rules = Templates().Select(t => t.TryGetProperty("variables", out var v) && v.TryGetProperty("rules", out var r) ? r : default)
            .Single(r => r.ValueKind == JsonValueKind.Array);

        Assert.Equal("[length(variables('rules'))]", rule.GetProperty("copy").GetProperty("count").GetString());
        Assert.Contains(watched, rules.EnumerateArray().Single(r => r.GetProperty("key").GetString() == key).GetProperty("query").GetString(), StringComparison.Ordinal);
        Assert.Contains("insightsId", rule.GetProperty("properties").GetProperty("scopes").GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_template_takes_a_deployment_with_the_front_on_and_off(bool frontDoor)
    {
        var directory = Directory.CreateTempSubdirectory("upsell-bicepparam-");
        try
        {
            var parameters = Path.Combine(directory.FullName, "front.bicepparam");
            File.WriteAllText(parameters, $$"""
                using '{{Path.GetRelativePath(directory.FullName, Path.Combine(Azurite.RepositoryRoot(), "infra", "main.bicep")).Replace('\\', '/')}}'
                param storefrontOrigins = ['https://shop.example']
                param shopName = 'Example'
                param shopAddress = 'Street 1, Berlin'
                param fromAddress = 'hello@shop.example'
                param offerUrlTemplate = 'https://shop.example/cart/add?sku={sku}&upsell={token}'
                param unsubscribeMailbox = 'unsubscribe@shop.example'
                param sendGridApiKey = 'SG.x'
                param tokenSigningKey = 'k'
                param holdoutSalt = 's'
                param orderWebhookSecret = 'w'
                param unsubscribeSigningKey = 'u'
                param frontDoor = {{(frontDoor ? "true" : "false")}}
                param frontDoorRateLimit = 120
                """);

            using var built = JsonDocument.Parse(Bicep("build-params", parameters, "--stdout"));
            using var values = JsonDocument.Parse(built.RootElement.GetProperty("parametersJson").GetString()!);
            Assert.Equal(frontDoor, values.RootElement.GetProperty("parameters").GetProperty("frontDoor").GetProperty("value").GetBoolean());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_front_is_off_by_default_and_when_on_rate_limits_the_storefront_routes_per_client_address()
    {
        var parameters = Template.Value.GetProperty("parameters");
        var front = Resources("Microsoft.Resources/deployments").Single(d => d.GetProperty("name").GetString() == "frontdoor");
        var rule = Resource("Microsoft.Network/FrontDoorWebApplicationFirewallPolicies").GetProperty("properties").GetProperty("customRules").GetProperty("rules").EnumerateArray().Single();
        var route = Resource("Microsoft.Cdn/profiles/afdEndpoints/routes").GetProperty("properties");

        Assert.False(parameters.GetProperty("frontDoor").GetProperty("defaultValue").GetBoolean());
        Assert.Equal(300, parameters.GetProperty("frontDoorRateLimit").GetProperty("defaultValue").GetInt32());
        Assert.Equal("[parameters('frontDoor')]", front.GetProperty("condition").GetString());
        Assert.Equal(("RateLimitRule", "Block", 1), (rule.GetProperty("ruleType").GetString(), rule.GetProperty("action").GetString(), rule.GetProperty("rateLimitDurationInMinutes").GetInt32()));
        Assert.Equal("[parameters('rateLimitPerMinute')]", rule.GetProperty("rateLimitThreshold").GetString());
        var paths = new Regex(rule.GetProperty("matchConditions")[0].GetProperty("matchValue")[0].GetString()!);
        Assert.All(["/api/offers/cart", "/api/offers/exit-intent", "/api/events"], path => Assert.Matches(paths, path));
        Assert.All(["/api/orders", "/api/manage/console", "/api/offersx"], path => Assert.DoesNotMatch(paths, path));
        Assert.Equal(["/api/*"], route.GetProperty("patternsToMatch").EnumerateArray().Select(p => p.GetString()));
        // Behind the front the shopper's address is one more X-Forwarded-For entry from the right.
        Assert.Contains("frontDoor", AppSettings()["Upsell__Traffic__ForwardedHops"], StringComparison.Ordinal);
    }

    private static Dictionary<string, string> AppSettings() =>
        Resource("Microsoft.Web/sites").GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("value").GetString()!);

    // Every property of every options class, as the app setting that binds it ("Upsell__FollowUps__DelayHours").
    /// <summary>Every setting an options class binds, as an app setting names it (<c>Upsell__Section__Name</c>).</summary>
    internal static IEnumerable<string> OptionsSettings() =>
        new[] { typeof(FollowUpOptions).Assembly, typeof(ServiceCollectionExtensions).Assembly }
            .SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Section: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string))
            .Where(x => x.Section is not null && x.Section.StartsWith("Upsell:", StringComparison.Ordinal))
            .SelectMany(x => x.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true)
                .Select(p => $"{x.Section!.Replace(":", "__", StringComparison.Ordinal)}__{p.Name}"));

    private static IEnumerable<string> SampleSettings()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(Azurite.RepositoryRoot(), "local.settings.sample.json")));
        return [.. sample.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name)];
    }

    private static string? SampleValue(string setting)
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(Azurite.RepositoryRoot(), "local.settings.sample.json")));
        return sample.RootElement.GetProperty("Values").GetProperty(setting).GetString();
    }

    private static JsonElement Resource(string type) => Resources(type).Single();

    private static IEnumerable<JsonElement> Resources(string type) =>
        Templates().SelectMany(t => t.GetProperty("resources").ValueKind == JsonValueKind.Object
                ? t.GetProperty("resources").EnumerateObject().Select(p => p.Value)
                : t.GetProperty("resources").EnumerateArray())
            .Where(r => r.GetProperty("type").GetString() == type);

    // The main template and the module templates nested in it.
    private static IEnumerable<JsonElement> Templates()
    {
        var pending = new Stack<JsonElement>([Template.Value]);
        while (pending.TryPop(out var template))
        {
            yield return template;
            var resources = template.GetProperty("resources");
            foreach (var resource in resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(p => p.Value) : resources.EnumerateArray())
            {
                if (resource.GetProperty("type").GetString() == "Microsoft.Resources/deployments")
                {
                    pending.Push(resource.GetProperty("properties").GetProperty("template"));
                }
            }
        }
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    private static JsonElement Compile() => JsonDocument.Parse(Bicep("build", Path.Combine(Azurite.RepositoryRoot(), "infra", "main.bicep"), "--stdout")).RootElement.Clone();

    // Runs the Bicep CLI of the NuGet package; its standard output, or the test fails with its errors.
    private static string Bicep(params string[] arguments)
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var bicep = Directory.GetFiles(Path.Combine(packages, "azure.bicep.commandline.linux-x64"), "bicep", SearchOption.AllDirectories).Max()!;
        if (!OperatingSystem.IsWindows())
        {
            // NuGet does not keep the executable bit.
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo(bicep, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var json = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, errors);
        return json.Result;
    }

    // A public key (SendGrid's event webhook verification key) is meant to be seen; every other key is a secret.
    [GeneratedRegex("(?i)((?<!public)key|secret|password)$")]
    private static partial Regex SecretName();

    [GeneratedRegex("^[A-Za-z0-9+/]{40,}={0,2}$")]
    private static partial Regex Base64Key();
}
