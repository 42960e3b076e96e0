using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Upsell.Infrastructure.Retention;
using Upsell.Infrastructure.Storage;
using Upsell.Infrastructure.Tokens;

namespace Upsell.Application.Retention;

/// <summary>
/// Removes the rows kept only so that something counts once, or for a visitor who may come back, once they can no
/// longer matter: event, received and exposure markers older than <see cref="RetentionOptions.MarkerDays"/> (never
/// less than the longest a token is accepted plus a queue message's seven days); browsing sessions whose last prompt
/// is older than <see cref="RetentionOptions.SessionDays"/>; declines past their cool-down; and kept arms of an
/// experiment phase that is over (the experiment stopped, shipped, gone or in a later phase), once as old as the
/// markers. Counters, the stats table's visitor rows and order markers are never touched, so every count stays as
/// it was. Each run reads the tables with a server-side filter and deletes in batches per partition.
/// </summary>
public sealed partial class RowExpiry(
    UpsellTables tables,
    Infrastructure.Catalog.CatalogSnapshotProvider catalog,
    IOptions<RetentionOptions> retention,
    IOptions<TokenOptions> tokens,
    IOptions<Domain.Decisions.DecisionOptions> decisions,
    TimeProvider time,
    ILogger<RowExpiry> logger)
{
    /// <summary>Days a queued message lives before the queue drops it, whose redelivery a marker must outlast.</summary>
    public const int QueueMessageDays = 7;

    // Marker row keys run "event|…", "exposure|…" and "received|…"; '}' sorts right after '|'.
    private static readonly string[] MarkerPrefixes = ["event", "exposure", "received"];

    /// <summary>The markers, and the visitor rows (sessions, declines, kept arms), removed.</summary>
    public async Task<(int Markers, int VisitorRows)> ExpireAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var markerDays = Math.Max(retention.Value.MarkerDays, tokens.Value.EmailMaxAgeDays + QueueMessageDays);
        var markersBefore = now.AddDays(-markerDays);
        var stats = await tables.StatsAsync(cancellationToken).ConfigureAwait(false);
        var markers = 0;
        foreach (var prefix in MarkerPrefixes)
        {
            var filter = TableClient.CreateQueryFilter($"RowKey ge {prefix + "|"} and RowKey lt {prefix + "}"} and ReceivedAt lt {markersBefore}");
            markers += await DeleteAsync(stats, filter, cancellationToken).ConfigureAwait(false);
        }

        var suppressions = await tables.SuppressionsAsync(cancellationToken).ConfigureAwait(false);
        var sessionsBefore = now.AddDays(-retention.Value.SessionDays);
        var visitorRows = await DeleteAsync(suppressions, TableClient.CreateQueryFilter($"RowKey ge {"session:"} and RowKey lt {"session;"} and LastPromptAt lt {sessionsBefore}"), cancellationToken).ConfigureAwait(false);
        var declinedBefore = now - decisions.Value.DeclineCooldown;
        visitorRows += await DeleteAsync(suppressions, TableClient.CreateQueryFilter($"RowKey ge {"decline:"} and RowKey lt {"decline;"} and At lt {declinedBefore}"), cancellationToken).ConfigureAwait(false);
        visitorRows += await DeleteAsync(suppressions, TableClient.CreateQueryFilter($"RowKey ge {"accept:"} and RowKey lt {"accept;"} and At lt {declinedBefore}"), cancellationToken).ConfigureAwait(false);
        var snapshot = await catalog.GetAsync(cancellationToken).ConfigureAwait(false);
        visitorRows += await DeleteAsync(suppressions, TableClient.CreateQueryFilter($"RowKey ge {"assign:"} and RowKey lt {"assign;"} and At lt {markersBefore}"), cancellationToken,
            row => IsOver(snapshot, row.RowKey)).ConfigureAwait(false);
        LogExpired(markers, visitorRows, markerDays);
        return (markers, visitorRows);
    }

    // An arm kept for a phase no visitor can be given any more: its experiment gone, stopped, shipped or moved on.
    private static bool IsOver(Domain.Decisions.CatalogSnapshot snapshot, string rowKey)
    {
        var (key, phase) = (rowKey[Infrastructure.Shoppers.SuppressionEntity.AssignmentPrefix.Length..].Split('|') is [var k, var p] ? (k, p) : (string.Empty, string.Empty));
        return !snapshot.Experiments.TryGetValue(key, out var experiment)
            || experiment.Status is Domain.Experiments.ExperimentStatus.Stopped or Domain.Experiments.ExperimentStatus.Shipped
            || !string.Equals(phase, experiment.Phase.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    // Every row the filter finds and the test, if any, calls expired, deleted a batch per partition at a time; a row gone already is no failure.
    private static async Task<int> DeleteAsync(TableClient table, string filter, CancellationToken cancellationToken, Func<TableEntity, bool>? expired = null)
    {
        var deleted = 0;
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: 1_000, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            foreach (var partition in page.Values.Where(expired ?? (_ => true)).GroupBy(r => r.PartitionKey, StringComparer.Ordinal))
            {
                foreach (var batch in partition.Chunk(TableBatchLimits.MaxOperations))
                {
                    if (batch.Length == 1)
                    {
                        deleted += await table.DeleteIfExistsAsync(batch[0].PartitionKey, batch[0].RowKey, cancellationToken).ConfigureAwait(false) ? 1 : 0;
                        continue;
                    }

                    try
                    {
                        await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, Azure.ETag.All)), cancellationToken).ConfigureAwait(false);
                        deleted += batch.Length;
                    }
                    catch (TableTransactionFailedException)
                    {
                        // One row went meanwhile (another run): the rest one by one.
                        foreach (var row in batch)
                        {
                            deleted += await table.DeleteIfExistsAsync(row.PartitionKey, row.RowKey, cancellationToken).ConfigureAwait(false) ? 1 : 0;
                        }
                    }
                }
            }
        }

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expired {Markers} event markers older than {Days} days and {VisitorRows} sessions, declines and kept arms")]
    private partial void LogExpired(int markers, int visitorRows, int days);
}
