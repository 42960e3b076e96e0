using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Upsell.Application.Catalog;
using Upsell.Functions.Offers;
using Upsell.Functions.Telemetry;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>
/// The worker's logs reach the host and Application Insights whatever host.json says, so what a decision logs is
/// what the merchant pays to ingest. Under the production logging configuration an offer decision, with the Azure
/// SDK's request logs forwarded as the worker forwards them, writes at most one record at Information.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed partial class LoggingTests(Azurite azurite)
{
    [Fact]
    public async Task An_offer_decision_writes_at_most_one_log_record_at_information_under_the_production_configuration()
    {
        var (unfiltered, production) = (await RecordsOfTenDecisionsAsync(quiet: false), await RecordsOfTenDecisionsAsync(quiet: true));

        // Without the filters the Azure SDK logs every storage request and answer, so the test would see them.
        Assert.True(unfiltered.Count > Decisions, $"{unfiltered.Count} records");
        // The Azure SDK warns of a storage answer slower than its threshold; that depends on the machine's load, not on
        // what a decision logs, and is meant to reach production, so it is left out of the count.
        var decisionRecords = production.Where(r => !SlowAnswer().IsMatch(r)).ToList();
        Assert.True(decisionRecords.Count <= Decisions, string.Join(Environment.NewLine, decisionRecords));
    }

    [Fact]
    public async Task The_worker_says_when_it_starts_and_stops_under_the_production_configuration_for_the_restarts_alert()
    {
        var collector = new LogCollector();
        var services = new ServiceCollection()
            .AddLogging(l => l.AddUpsellLogging().AddProvider(collector))
            .AddUpsellTelemetry(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        await using var provider = services.BuildServiceProvider();
        var worker = Assert.Single(provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>());

        await worker.StartAsync(default);
        await worker.StopAsync(default);

        Assert.Equal([(LogLevel.Information, WorkerLifetime.Started), (LogLevel.Information, WorkerLifetime.Stopped)], collector.Entries);
    }

    private const int Decisions = 10;

    // The records at Information or above that ten decisions wrote.
    private async Task<List<string>> RecordsOfTenDecisionsAsync(bool quiet)
    {
        await using var app = new TestApp(azurite, services: quiet ? s => s.AddLogging(l => l.AddUpsellLogging()) : null);
        await DemoCatalogSeeder.SeedAsync(app.Get<CatalogAdmin>(), default);
        var function = ActivatorUtilities.CreateInstance<DecideOffersFunction>(app.Services);
        await DecideAsync(function, "warm-up");
        var before = app.Logs.Entries.Count;
        for (var i = 0; i < Decisions; i++)
        {
            Assert.IsAssignableFrom<ContentResult>(await DecideAsync(function, $"visitor-{i}"));
        }

        return [.. app.Logs.Entries.Skip(before).Where(e => e.Level >= LogLevel.Information).Select(e => $"{e.Level}: {e.Message}")];
    }

    private static async Task<IActionResult> DecideAsync(DecideOffersFunction function, string visitor)
    {
        var request = Http.Json(new
        {
            sessionId = $"session-of-{visitor}",
            visitorId = visitor,
            cart = new[] { new { sku = "CAM-X100", category = "cameras", unitPrice = 89900, quantity = 1, currency = "EUR" } },
            device = "desktop",
            country = "DE",
            locale = "de-DE",
            customer = new { firstTime = true, orderCount = 0 },
        });
        return await function.DecideOffers(request, "cart", default);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^Warning: Response \[[^\]]+\] took [0-9.]+s$")]
    private static partial System.Text.RegularExpressions.Regex SlowAnswer();
}
