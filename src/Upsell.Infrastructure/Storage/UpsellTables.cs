using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Upsell.Infrastructure.Storage;

/// <summary>The pipeline's tables, each created on first use and then reused.</summary>
public sealed class UpsellTables(TableServiceClient service, IOptions<StorageOptions> options)
{
    private readonly CreatedOnDemand<TableClient> _tables = new();

    public Task<TableClient> OffersAsync(CancellationToken cancellationToken) => GetAsync("offers", cancellationToken);

    public Task<TableClient> ExperimentsAsync(CancellationToken cancellationToken) => GetAsync("experiments", cancellationToken);

    public Task<TableClient> SessionsAsync(CancellationToken cancellationToken) => GetAsync("sessions", cancellationToken);

    public Task<TableClient> SuppressionsAsync(CancellationToken cancellationToken) => GetAsync("suppressions", cancellationToken);

    public Task<TableClient> StatsAsync(CancellationToken cancellationToken) => GetAsync("stats", cancellationToken);

    public Task<TableClient> OrdersAsync(CancellationToken cancellationToken) => GetAsync("orders", cancellationToken);

    public Task<TableClient> FollowUpsAsync(CancellationToken cancellationToken) => GetAsync("followups", cancellationToken);

    public Task<TableClient> AddressesAsync(CancellationToken cancellationToken) => GetAsync("addresses", cancellationToken);

    private Task<TableClient> GetAsync(string name, CancellationToken cancellationToken) =>
        _tables.GetAsync(options.Value.TablePrefix + name, CreateAsync, cancellationToken);

    private async Task<TableClient> CreateAsync(string tableName, CancellationToken cancellationToken)
    {
        var client = service.GetTableClient(tableName);
        await client.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        return client;
    }
}
