using Microsoft.Extensions.DependencyInjection;
using Upsell.Application.Catalog;
using Upsell.Functions.Offers;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>
/// A replayed attack on a real A/B test, through the functions: shoppers from many networks, and a script from one
/// address that asks for offers with fresh visitor ids, shows every one and accepts every offer of one arm, at a
/// shopper's pace. The report raises the traffic-quality flag on that arm and its verdict says so.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class ScriptedTrafficTests(Azurite azurite) : AzuriteTest(azurite)
{
    public override async Task InitializeAsync() => await DemoCatalogSeeder.SeedAsync(App.Get<CatalogAdmin>(), default);

    [Trait("Category", "Simulation")]
    [Fact]
    public async Task A_script_accepting_everything_in_one_arm_raises_the_flag_on_that_arm_and_the_verdict_says_so()
    {
        // 240 shoppers, each from a network of their own; about one in eight accepts, whatever the arm.
        var events = new List<object>();
        for (var i = 0; i < 240; i++)
        {
            var (token, _) = await DecideAsync($"shopper-{i}", $"10.{i / 200}.{i % 200}.9");
            events.Add(Outcomes.Event("impression", token));
            if (i % 8 == 0)
            {
                events.Add(Outcomes.Event("accept", token));
            }
        }

        // 300 fresh visitors from one address: every offer shown, every one of arm "discounted" accepted.
        for (var i = 0; i < 300; i++)
        {
            var (token, variant) = await DecideAsync($"bot-{i}", "192.0.2.7");
            events.Add(Outcomes.Event("impression", token));
            if (variant == "discounted")
            {
                events.Add(Outcomes.Event("accept", token));
            }
        }

        App.Clock.Advance(Outcomes.ReadingTime);
        foreach (var batch in events.Chunk(50))
        {
            Assert.Equal(202, (await App.PostEventsAsync(new { events = batch })).Status);
        }

        foreach (var message in await App.EventMessagesAsync())
        {
            await App.RecordEventsAsync(message);
        }

        var report = (await App.GetAsync("experiments", key: Reports.Experiment)).Json;
        var traffic = report.GetProperty("traffic");
        var signs = traffic.GetProperty("signs").EnumerateArray().ToList();
        Assert.True(traffic.GetProperty("flagged").GetBoolean());
        Assert.All(signs, s => Assert.Equal("discounted", s.GetProperty("arm").GetString()));
        Assert.Contains(signs, s => s.GetProperty("sign").GetString() == "accepters-per-network");
        Assert.Contains("Traffic quality: arm discounted", report.GetProperty("verdict").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("check the traffic", report.GetProperty("shipRefusal").GetString(), StringComparison.Ordinal);
        var arms = traffic.GetProperty("arms").EnumerateArray().ToDictionary(a => a.GetProperty("key").GetString()!);
        Assert.InRange(arms["control"].GetProperty("acceptersPerNetwork").GetDouble(), 1, 1.5);
        Assert.True(arms["discounted"].GetProperty("acceptersPerNetwork").GetDouble() > 5);
    }

    // One offer request of the experiment's moment from an address; the experiment's offer and its arm.
    private async Task<(string Token, string Variant)> DecideAsync(string visitor, string address)
    {
        var request = Http.Json(new { sessionId = $"s-{visitor}", visitorId = visitor, device = "desktop", country = "DE", locale = "de-DE",
            cart = new[] { new { sku = "CAM-X100", category = "cameras", unitPrice = 89_900, quantity = 1, currency = "EUR" } } });
        request.Headers["X-Forwarded-For"] = address;
        var answer = await Http.ExecuteAsync(request, await ActivatorUtilities.CreateInstance<DecideOffersFunction>(App.Services).DecideOffers(request, "cart", default));
        Assert.True(answer.Status == 200, answer.Body);
        var offer = answer.Json.GetProperty("offers").EnumerateArray().Single(o => o.TryGetProperty("experiment", out var key) && key.GetString() == Reports.Experiment);
        return (offer.GetProperty("token").GetString()!, offer.GetProperty("variant").GetString()!);
    }
}
