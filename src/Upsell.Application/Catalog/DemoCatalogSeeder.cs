using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Upsell.Infrastructure.Catalog;

namespace Upsell.Application.Catalog;

/// <summary>At start-up, when enabled and the offers table is empty, writes the demo catalog through the admin rules.</summary>
public sealed partial class DemoCatalogSeeder(CatalogStore store, CatalogAdmin admin, IOptions<CatalogOptions> options, ILogger<DemoCatalogSeeder> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDemoCatalog)
        {
            return;
        }

        if ((await store.Offers.ListAsync(cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            LogKept();
            return;
        }

        var count = await SeedAsync(admin, cancellationToken).ConfigureAwait(false);
        LogSeeded(count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Writes every demo offer and experiment; the same run twice leaves the same catalog.</summary>
    public static async Task<int> SeedAsync(CatalogAdmin admin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var demo = DemoCatalog.Load();
        foreach (var offer in demo.Offers)
        {
            Check(await admin.SaveOfferAsync(offer, create: false, ifMatch: null, cancellationToken).ConfigureAwait(false), offer.Id);
        }

        foreach (var experiment in demo.Experiments)
        {
            Check(await admin.SaveExperimentAsync(experiment, create: false, ifMatch: null, cancellationToken).ConfigureAwait(false), experiment.Key);
        }

        return demo.Offers.Count + demo.Experiments.Count;
    }

    private static void Check<T>(AdminResult<T> result, string? id) where T : class
    {
        if (result.IsInvalid)
        {
            throw new InvalidOperationException($"Demo catalog entry {id} is invalid: {result.Errors[0].Field} {result.Errors[0].Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo catalog ({Count} entries)")]
    private partial void LogSeeded(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "The catalog has offers; the demo catalog was not seeded")]
    private partial void LogKept();
}
