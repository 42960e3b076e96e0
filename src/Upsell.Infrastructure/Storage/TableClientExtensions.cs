using Azure;
using Azure.Data.Tables;

namespace Upsell.Infrastructure.Storage;

public static class TableClientExtensions
{
    /// <summary>Deletes a row whatever its version; false when it was already gone (so erasures can count).</summary>
    public static async Task<bool> DeleteIfExistsAsync(this TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var response = await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        return response.Status != 404;
    }
}
