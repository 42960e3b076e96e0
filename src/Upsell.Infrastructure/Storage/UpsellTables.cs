using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Upsell.Infrastructure.Storage;

/// <summary>The pipeline's tables, each created on first use and then reused.</summary>
public sealed class UpsellTables(TableServiceClient service, IOptions<StorageOptions> options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new(StringComparer.Ordinal);

    public Task<TableClient> OffersAsync(CancellationToken cancellationToken) => GetAsync("offers", cancellationToken);

    public Task<TableClient> ExperimentsAsync(CancellationToken cancellationToken) => GetAsync("experiments", cancellationToken);

    public Task<TableClient> SessionsAsync(CancellationToken cancellationToken) => GetAsync("sessions", cancellationToken);

    public Task<TableClient> SuppressionsAsync(CancellationToken cancellationToken) => GetAsync("suppressions", cancellationToken);

    public Task<TableClient> StatsAsync(CancellationToken cancellationToken) => GetAsync("stats", cancellationToken);

    public Task<TableClient> OrdersAsync(CancellationToken cancellationToken) => GetAsync("orders", cancellationToken);

    public Task<TableClient> FollowUpsAsync(CancellationToken cancellationToken) => GetAsync("followups", cancellationToken);

    public Task<TableClient> AddressesAsync(CancellationToken cancellationToken) => GetAsync("addresses", cancellationToken);

    private Task<TableClient> GetAsync(string name, CancellationToken cancellationToken)
    {
        var lazy = _tables.GetOrAdd(name, n => new Lazy<Task<TableClient>>(() => CreateAsync(options.Value.TablePrefix + n, cancellationToken)));
        var task = lazy.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            // A failed creation (storage briefly away) is tried again on the next call, not remembered.
            _tables.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(name, lazy));
        }

        return task;
    }

    private async Task<TableClient> CreateAsync(string tableName, CancellationToken cancellationToken)
    {
        var client = service.GetTableClient(tableName);
        await client.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        return client;
    }
}
