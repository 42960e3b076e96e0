using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using Upsell.Infrastructure.Telemetry;

namespace Upsell.Functions.Telemetry;

/// <summary>
/// Application Insights for the isolated worker, as the Functions quickstarts wire it: OpenTelemetry with the
/// worker's defaults and the Azure Monitor exporter, plus the app's own meter. Without a connection string nothing
/// is registered and nothing leaves the worker (local development, tests). The worker's starts and clean stops are
/// logged either way (<see cref="WorkerLifetime"/>).
/// </summary>
public static class TelemetryExtensions
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static IServiceCollection AddUpsellTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddHostedService<WorkerLifetime>();
        var connectionString = configuration[ConnectionStringSetting];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .UseAzureMonitorExporter(options => options.ConnectionString = connectionString)
            .WithMetrics(metrics => metrics.AddMeter(UpsellMetrics.MeterName));
        return services;
    }
}
