using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>The bindings the Functions host will load, read from the functions.metadata that the build wrote.</summary>
public class FunctionsMetadataTests
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Triggers = new(Load);

    public static TheoryData<string, string, string, string> Expected => new()
    {
        // function, route, method, authorization level
        { "DecideOffers", "offers/{moment:regex(^(?!exit-intent$).+$)}", "post", "Anonymous" },
        { "DecideExitIntentOffers", "offers/exit-intent", "post", "Anonymous" },
        { "ListOffers", "manage/offers", "get", "Function" },
        { "GetOffer", "manage/offers/{id}", "get", "Function" },
        { "CreateOffer", "manage/offers", "post", "Function" },
        { "ReplaceOffer", "manage/offers/{id}", "put", "Function" },
        { "DeleteOffer", "manage/offers/{id}", "delete", "Function" },
        { "ListExperiments", "manage/experiments", "get", "Function" },
        { "GetExperiment", "manage/experiments/{id}", "get", "Function" },
        { "CreateExperiment", "manage/experiments", "post", "Function" },
        { "ReplaceExperiment", "manage/experiments/{id}", "put", "Function" },
        { "DeleteExperiment", "manage/experiments/{id}", "delete", "Function" },
        { "CollectEvents", "events", "post", "Anonymous" },
        { "ReceiveOrder", "orders", "post", "Anonymous" },
        { "ShowUnsubscribe", "unsubscribe", "get", "Anonymous" },
        { "Unsubscribe", "unsubscribe", "post", "Anonymous" },
        { "EraseAddress", "manage/erasures", "post", "Function" },
        { "ReceiveRefund", "orders/{orderId}/refunds", "post", "Anonymous" },
        { "ListExperimentReports", "manage/reports/experiments", "get", "Function" },
        { "GetExperimentReport", "manage/reports/experiments/{key}", "get", "Function" },
        { "GetMomentReport", "manage/reports/moments", "get", "Function" },
        { "GetHoldoutReport", "manage/reports/holdout", "get", "Function" },
        { "GetOfferReport", "manage/reports/offers", "get", "Function" },
        { "GetAffinity", "manage/affinity/{sku}", "get", "Function" },
        { "ShowDashboard", "manage/dashboard", "get", "Anonymous" },
        { "GetDashboardAsset", "manage/dashboard/{file}", "get", "Anonymous" },
        { "ShowOperations", "manage/operations", "get", "Function" },
        { "ReplayPoison", "manage/operations/replay/{queue}", "post", "Function" },
        { "ExplainDecision", "manage/explain/{moment}", "post", "Function" },
        { "FindProducts", "manage/products", "get", "Function" },
        { "ReceiveShopifyWebhook", "connectors/shopify", "post", "Anonymous" },
        { "PostPurchaseOffer", "shopify/post-purchase/offer", "post", "Anonymous" },
        { "SignChangeset", "shopify/post-purchase/changeset", "post", "Anonymous" },
        { "ReceiveSendGridEvents", "connectors/sendgrid", "post", "Anonymous" },
        { "ShowConsole", "manage/console", "get", "Anonymous" },
        { "GetConsoleAsset", "manage/console/{file}", "get", "Anonymous" },
        { "ReceiveWooCommerceWebhook", "connectors/woocommerce", "post", "Anonymous" },
    };

    public static TheoryData<string, string> ExpectedQueueTriggers => new()
    {
        // function, queue name (an app setting the host resolves)
        { "RecordEvents", "%Upsell:Queues:Events%" },
        { "RecordOrder", "%Upsell:Queues:Orders%" },
        { "RecordRefund", "%Upsell:Queues:Refunds%" },
        { "EraseShop", "%Upsell:Queues:Erasures%" },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Each_function_has_its_trigger_route_method_and_authorization_level(string function, string route, string method, string authLevel)
    {
        var trigger = Triggers.Value[function];

        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(authLevel, trigger.GetProperty("authLevel").GetString());
    }

    [Theory]
    [MemberData(nameof(ExpectedQueueTriggers))]
    public void Each_queue_function_reads_its_queue_from_the_default_storage_connection(string function, string queueName)
    {
        var trigger = Triggers.Value[function];

        Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(queueName, trigger.GetProperty("queueName").GetString());
        Assert.False(trigger.TryGetProperty("connection", out _), "The queue triggers use AzureWebJobsStorage, like the rest of the app.");
    }

    [Theory]
    [MemberData(nameof(ExpectedQueueTriggers))]
    public void Every_queue_setting_a_trigger_names_is_in_the_local_settings_sample(string function, string queueName)
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(Azurite.RepositoryRoot(), "local.settings.sample.json")));
        var setting = queueName.Trim('%').Replace(":", "__", StringComparison.Ordinal);

        Assert.True(sample.RootElement.GetProperty("Values").TryGetProperty(setting, out var value), $"{function} needs {setting}");
        Assert.False(string.IsNullOrEmpty(value.GetString()));
    }

    public static TheoryData<string, string, string> Timers() => new()
    {
        { "SendFollowUps", "Upsell:FollowUps:Schedule", new Upsell.Domain.FollowUps.FollowUpOptions().Schedule },
        { "ReallocateBandits", "Upsell:Bandits:Schedule", new Upsell.Domain.Bandits.BanditOptions().Schedule },
        { "RefreshAffinity", "Upsell:Affinity:Schedule", new Upsell.Domain.Affinity.AffinityOptions().Schedule },
        { "ExpireRows", "Upsell:Retention:Schedule", new Upsell.Infrastructure.Retention.RetentionOptions().Schedule },
        { "RollUpStats", "Upsell:Reports:Schedule", new Upsell.Domain.Statistics.ReportOptions().Schedule },
    };

    [Theory]
    [MemberData(nameof(Timers))]
    public void Each_timer_reads_its_schedule_from_an_app_setting_that_the_sample_sets_to_the_default(string function, string setting, string schedule)
    {
        var trigger = Triggers.Value[function];
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(Azurite.RepositoryRoot(), "local.settings.sample.json")));

        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal($"%{setting}%", trigger.GetProperty("schedule").GetString());
        Assert.Equal(schedule, sample.RootElement.GetProperty("Values").GetProperty(setting.Replace(":", "__", StringComparison.Ordinal)).GetString());
    }

    [Fact]
    public void There_are_no_other_functions() =>
        Assert.Equal(
            Expected.Select(row => (string)row[0]).Concat(ExpectedQueueTriggers.Select(row => (string)row[0])).Append("SendFollowUps").Append("ReallocateBandits").Append("RefreshAffinity").Append("ExpireRows").Append("RollUpStats").Order(),
            Triggers.Value.Keys.Order());

    [Fact]
    public void No_route_begins_with_the_hosts_reserved_admin_prefix() =>
        Assert.All(Triggers.Value.Values.Where(t => t.TryGetProperty("route", out _)),
            t => Assert.False(t.GetProperty("route").GetString()!.StartsWith("admin", StringComparison.OrdinalIgnoreCase)));

    [Theory]
    [InlineData("cart", true)]
    [InlineData("post-purchase", true)]
    [InlineData("checkout", true)]
    [InlineData("exit-intent", false)]
    public void The_moment_route_never_takes_exit_intent(string moment, bool matches)
    {
        var pattern = RoutePatternFactory.Parse(Triggers.Value["DecideOffers"].GetProperty("route").GetString()!);
        var resolver = new ServiceCollection().AddRouting().BuildServiceProvider().GetRequiredService<IInlineConstraintResolver>();
        var policy = Assert.Single(pattern.GetParameter("moment")!.ParameterPolicies);
        var constraint = resolver.ResolveConstraint(policy.Content!)!;

        var matched = constraint.Match(null, null, "moment", new RouteValueDictionary { ["moment"] = moment }, RouteDirection.IncomingRequest);

        Assert.Equal(matches, matched);
    }

    /// <summary>The route the host serves a function on, as functions.metadata binds it.</summary>
    public static string RouteOf(string function) => Triggers.Value[function].GetProperty("route").GetString()!;

    private static Dictionary<string, JsonElement> Load()
    {
        var configuration = typeof(FunctionsMetadataTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var path = Path.Combine(Azurite.RepositoryRoot(), "src", "Upsell.Functions", "bin", configuration, "net10.0", "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().ToDictionary(
            f => f.GetProperty("name").GetString()!,
            f => f.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("direction").GetString() == "In").Clone());
    }
}
