using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Upsell.Application.Catalog;
using Upsell.Functions.Telemetry;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>Telemetry leaves the worker only when Application Insights is configured, and then carries the app's own metrics.</summary>
[Collection(UsesAzuriteAlone.Name)]
public sealed class TelemetryTests(Azurite azurite)
{
    // A loopback endpoint nobody listens on: the exporter is real, and what it would send goes nowhere.
    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/";

    [Fact]
    public void Without_a_connection_string_nothing_is_registered_but_the_workers_start_and_stop_log()
    {
        var services = new ServiceCollection();

        services.AddUpsellTelemetry(new ConfigurationBuilder().Build());

        Assert.Equal(typeof(Telemetry.WorkerLifetime), Assert.Single(services).ImplementationType);
    }

    [Fact]
    public async Task With_a_connection_string_the_Azure_Monitor_exporter_is_registered_and_the_custom_metrics_are_emitted()
    {
        var exported = new List<Metric>();
        var settings = new Dictionary<string, string?> { [TelemetryExtensions.ConnectionStringSetting] = ConnectionString };
        IServiceCollection? registered = null;
        await using var app = new TestApp(azurite, settings, services =>
        {
            services.AddUpsellTelemetry(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
            services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(exported));
            registered = services;
        });
        await DemoCatalogSeeder.SeedAsync(app.Get<CatalogAdmin>(), default);
        var meters = app.Get<MeterProvider>();

        var request = Http.Json(new { sessionId = "s-1", visitorId = "v-1", cart = new[] { new { sku = "CAM-X100", category = "cameras", unitPrice = 89_900, quantity = 1, currency = "EUR" } } });
        Assert.Equal(200, (await Http.ExecuteAsync(request, await ActivatorUtilities.CreateInstance<Offers.DecideOffersFunction>(app.Services).DecideOffers(request, "cart", default))).Status);
        await app.RecordEventsAsync((await app.EventMessagesAsync())[0]);
        await app.PostEventsAsync(new { events = new[] { Outcomes.Event("impression", app.Token()) } });
        await app.RecordEventsAsync((await app.EventMessagesAsync())[0]);
        await app.PostOrderAsync(Outcomes.Order());
        await app.RecordOrderAsync((await app.OrderMessagesAsync())[0]);
        await app.RecordEventsAsync(Outcomes.EventMessage(new Infrastructure.Outcomes.EventMessage(TestApp.Start, [])));
        meters.ForceFlush();

        Assert.Contains(registered!, d => (d.ImplementationType ?? d.ImplementationInstance?.GetType() ?? d.ServiceType).Assembly.GetName().Name == "Azure.Monitor.OpenTelemetry.Exporter");
        var names = exported.Select(m => m.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "upsell.decisions", "upsell.events.recorded", "upsell.orders.attributed", "upsell.poison.messages" }, names);
        Assert.Equal(1, Sum(exported, "upsell.poison.messages"));
        Assert.Equal(1, Sum(exported, "upsell.orders.attributed"));
        Assert.Equal(1, Sum(exported, "upsell.decisions"));
        Assert.Equal(2, Sum(exported, "upsell.events.recorded")); // the decision's exposure and the impression
    }

    private static long Sum(List<Metric> metrics, string name)
    {
        long sum = 0;
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                sum += point.GetSumLong();
            }
        }

        return sum;
    }
}
