using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure;
using Azure.Data.Tables;
using Upsell.Domain.Validation;

namespace Upsell.Infrastructure.Catalog;

/// <summary>
/// The offers or the experiments: documents keyed by id, written with optimistic concurrency. Rows whose key starts
/// with <see cref="CompanionPrefix"/> (which no id can) are not documents but records written with one
/// (<see cref="ReplaceWithAsync"/>), such as a bandit's reallocations.
/// </summary>
public sealed class CatalogTable<T>(Func<CancellationToken, Task<TableClient>> table, JsonTypeInfo<T> json, Func<T, string> keyOf)
    where T : class
{
    /// <summary>The first character of a companion record's row key: after every character an id may hold.</summary>
    public const string CompanionPrefix = "~";

    public async Task<IReadOnlyList<Stored<T>>> ListAsync(CancellationToken cancellationToken)
    {
        var client = await table(cancellationToken).ConfigureAwait(false);
        var result = new List<Stored<T>>();
        await foreach (var entity in client.QueryAsync<CatalogEntity>(e => e.PartitionKey == CatalogEntity.Partition && e.RowKey.CompareTo(CompanionPrefix) < 0, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            result.Add(ToStored(entity));
        }

        return result;
    }

    /// <summary>The stored document, or null; a key that is not an id (storage would refuse it as a row key) names none.</summary>
    public async Task<Stored<T>?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (!Fields.IsId(key))
        {
            return null;
        }

        var client = await table(cancellationToken).ConfigureAwait(false);
        var found = await client.GetEntityIfExistsAsync<CatalogEntity>(CatalogEntity.Partition, key, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? ToStored(found.Value!) : null;
    }

    public async Task<(CatalogWrite Result, string? ETag)> CreateAsync(T document, CancellationToken cancellationToken)
    {
        var client = await table(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await client.AddEntityAsync(ToEntity(document), cancellationToken).ConfigureAwait(false);
            return (CatalogWrite.Created, response.Headers.ETag?.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return (CatalogWrite.AlreadyExists, null);
        }
    }

    /// <summary>Creates or replaces; with <paramref name="ifMatch"/> only the version the caller read.</summary>
    public async Task<(CatalogWrite Result, string? ETag)> ReplaceAsync(T document, string? ifMatch, CancellationToken cancellationToken)
    {
        var client = await table(cancellationToken).ConfigureAwait(false);
        var entity = ToEntity(document);
        try
        {
            if (ifMatch is null)
            {
                var existed = (await client.GetEntityIfExistsAsync<CatalogEntity>(entity.PartitionKey, entity.RowKey, ["RowKey"], cancellationToken).ConfigureAwait(false)).HasValue;
                var upserted = await client.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return (existed ? CatalogWrite.Replaced : CatalogWrite.Created, upserted.Headers.ETag?.ToString());
            }

            var updated = await client.UpdateEntityAsync(entity, new ETag(ifMatch), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return (CatalogWrite.Replaced, updated.Headers.ETag?.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 412 || IsMalformedETag(e, ifMatch))
        {
            return (CatalogWrite.ETagMismatch, null);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (CatalogWrite.NotFound, null);
        }
    }

    /// <summary>
    /// Replaces the version the caller read and adds a companion record in the same batch, so both are stored or
    /// neither: <see cref="CatalogWrite.AlreadyExists"/> when the record is already there (nothing changed).
    /// </summary>
    public async Task<CatalogWrite> ReplaceWithAsync(T document, string ifMatch, ITableEntity companion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(companion);
        if (companion.PartitionKey != CatalogEntity.Partition || !companion.RowKey.StartsWith(CompanionPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A companion lives in the {CatalogEntity.Partition} partition under a key starting with {CompanionPrefix}.", nameof(companion));
        }

        var client = await table(cancellationToken).ConfigureAwait(false);
        try
        {
            await client.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(document), new ETag(ifMatch)), new TableTransactionAction(TableTransactionActionType.Add, companion)],
                cancellationToken).ConfigureAwait(false);
            return CatalogWrite.Replaced;
        }
        catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex == 1 && e.Status == 409)
        {
            return CatalogWrite.AlreadyExists;
        }
        catch (TableTransactionFailedException e) when (e.Status is 412 or 404 || IsMalformedETag(e, ifMatch))
        {
            return CatalogWrite.ETagMismatch;
        }
    }

    public async Task<CatalogWrite> DeleteAsync(string key, string? ifMatch, CancellationToken cancellationToken)
    {
        var client = await table(cancellationToken).ConfigureAwait(false);
        if (!Fields.IsId(key) || (await client.GetEntityIfExistsAsync<CatalogEntity>(CatalogEntity.Partition, key, ["RowKey"], cancellationToken).ConfigureAwait(false)).HasValue is false)
        {
            return CatalogWrite.NotFound;
        }

        try
        {
            await client.DeleteEntityAsync(CatalogEntity.Partition, key, ifMatch is null ? ETag.All : new ETag(ifMatch), cancellationToken).ConfigureAwait(false);
            return CatalogWrite.Deleted;
        }
        catch (RequestFailedException e) when (e.Status == 412 || IsMalformedETag(e, ifMatch))
        {
            return CatalogWrite.ETagMismatch;
        }
    }

    // Storage refuses an If-Match that is not an ETag it could have issued (400); no stored version matches it.
    private static bool IsMalformedETag(RequestFailedException e, string? ifMatch) => e.Status == 400 && ifMatch is not null;

    private CatalogEntity ToEntity(T document) => new()
    {
        RowKey = keyOf(document),
        Document = JsonSerializer.Serialize(document, json),
    };

    private Stored<T> ToStored(CatalogEntity entity) =>
        new(JsonSerializer.Deserialize(entity.Document, json) ?? throw new InvalidDataException($"Catalog row {entity.RowKey} holds no document."), entity.ETag.ToString());
}
