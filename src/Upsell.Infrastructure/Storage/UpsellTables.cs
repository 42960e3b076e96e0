using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Upsell.Infrastructure.Storage;

/// <summary>
/// The pipeline's tables, each created on first use and then reused. The stats table may live in an account of its
/// own (<paramref name="stats"/>), so recording does not compete with the host's queues and leases.
/// </summary>
public sealed class UpsellTables(TableServiceClient service, TableServiceClient? stats, IOptions<StorageOptions> options)
{

    private readonly CreatedOnDemand<TableClient> _tables = new();

    /// <summary>The table endpoint of the account the stats table lives in.</summary>
    public Uri StatsAccount => (stats ?? service).Uri;

    public Task<TableClient> OffersAsync(CancellationToken cancellationToken) => GetAsync("offers", cancellationToken);

    public Task<TableClient> ExperimentsAsync(CancellationToken cancellationToken) => GetAsync("experiments", cancellationToken);

    public Task<TableClient> AffinityAsync(CancellationToken cancellationToken) => GetAsync("affinity", cancellationToken);

    public Task<TableClient> NeighboursAsync(CancellationToken cancellationToken) => GetAsync("neighbours", cancellationToken);

    public Task<TableClient> ReallocationsAsync(CancellationToken cancellationToken) => GetAsync("reallocations", cancellationToken);

    public Task<TableClient> SuppressionsAsync(CancellationToken cancellationToken) => GetAsync("suppressions", cancellationToken);

    public Task<TableClient> StatsAsync(CancellationToken cancellationToken) =>
        _tables.GetAsync(StatsTable, (name, ct) => CreateAsync(stats ?? service, name, ct), cancellationToken);

    /// <summary>The rolled-up counters reports read, beside the stats table: one row per counted name and day.</summary>
    public Task<TableClient> RollupAsync(CancellationToken cancellationToken) =>
        _tables.GetAsync(RollupTable, (name, ct) => CreateAsync(stats ?? service, name, ct), cancellationToken);

    private string StatsTable => options.Value.TablePrefix + "stats";

    private string RollupTable => options.Value.TablePrefix + "rollup";

    /// <summary>Creates a table again that storage says is missing (see <see cref="MissingTablePolicy"/>).</summary>
    public async Task RecreateAsync(string tableName, CancellationToken cancellationToken)
    {
        _tables.Forget(tableName);
        await _tables.GetAsync(tableName, (name, ct) => CreateAsync(name == StatsTable || name == RollupTable ? stats ?? service : service, name, ct), cancellationToken)
            .ConfigureAwait(false);
    }

    public Task<TableClient> OrdersAsync(CancellationToken cancellationToken) => GetAsync("orders", cancellationToken);

    public Task<TableClient> FollowUpsAsync(CancellationToken cancellationToken) => GetAsync("followups", cancellationToken);

    public Task<TableClient> AddressesAsync(CancellationToken cancellationToken) => GetAsync("addresses", cancellationToken);

    private Task<TableClient> GetAsync(string name, CancellationToken cancellationToken) =>
        _tables.GetAsync(options.Value.TablePrefix + name, (table, ct) => CreateAsync(service, table, ct), cancellationToken);

    // CreateIfNotExists answers an error it could not retry away (a 503 after the last retry) without throwing, and a
    // table taken as created but missing would fail every write until a restart: so such an answer fails this
    // creation, and the next caller tries again.
    private static async Task<TableClient> CreateAsync(TableServiceClient account, string tableName, CancellationToken cancellationToken)
    {
        var client = account.GetTableClient(tableName);
        var response = await client.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        if (response?.GetRawResponse() is { IsError: true, Status: not 409 } failed)
        {
            throw new RequestFailedException(failed);
        }

        return client;
    }
}
