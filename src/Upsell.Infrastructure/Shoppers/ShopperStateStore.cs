using Azure;
using Azure.Data.Tables;
using Upsell.Domain;
using Upsell.Domain.Offers;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Shoppers;

/// <summary>Session prompts and visitor suppressions in Table Storage.</summary>
public sealed class ShopperStateStore(UpsellTables tables)
{
    public async Task<ShopperState> LoadAsync(string visitorId, string sessionId, CancellationToken cancellationToken)
    {
        var suppressionsTask = LoadSuppressionsAsync(visitorId, cancellationToken);
        var sessions = await tables.SessionsAsync(cancellationToken).ConfigureAwait(false);
        var session = await sessions.GetEntityIfExistsAsync<SessionEntity>(sessionId, SessionEntity.Row, cancellationToken: cancellationToken).ConfigureAwait(false);
        var (optedOut, declines) = await suppressionsTask.ConfigureAwait(false);
        var moments = new HashSet<Moment>();
        if (session.HasValue)
        {
            foreach (var name in session.Value!.Moments.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (Wire.TryParse<Moment>(name, out var moment))
                {
                    moments.Add(moment);
                }
            }
        }

        var history = new ShopperHistory { OptedOut = optedOut, Declines = declines, PromptedMoments = moments };
        return new ShopperState(history, session.HasValue ? session.Value!.ETag : null);
    }

    /// <summary>A visitor's opt-out and declines, for a moment outside any browsing session (the follow-up email).</summary>
    public async Task<ShopperHistory> LoadHistoryAsync(string visitorId, CancellationToken cancellationToken)
    {
        var (optedOut, declines) = await LoadSuppressionsAsync(visitorId, cancellationToken).ConfigureAwait(false);
        return new ShopperHistory { OptedOut = optedOut, Declines = declines };
    }

    /// <summary>
    /// Adds a prompted moment to the session, only if the session row is still as read; false when another request
    /// changed it first (the caller reads and decides again).
    /// </summary>
    public async Task<bool> TryRecordPromptAsync(string sessionId, string visitorId, Moment moment, ShopperState read, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var sessions = await tables.SessionsAsync(cancellationToken).ConfigureAwait(false);
        var entity = new SessionEntity
        {
            PartitionKey = sessionId,
            VisitorId = visitorId,
            Moments = string.Join(',', read.History.PromptedMoments.Append(moment).Distinct().Order().Select(Wire.Name)),
            LastPromptAt = now,
        };
        try
        {
            if (read.SessionETag is { } etag)
            {
                await sessions.UpdateEntityAsync(entity, etag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await sessions.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Records a decline; the latest decline of an offer wins, so a replayed older one changes nothing.</summary>
    public async Task RecordDeclineAsync(string visitorId, string offerId, OfferKind kind, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await tables.SuppressionsAsync(cancellationToken).ConfigureAwait(false);
        var rowKey = SuppressionEntity.DeclinePrefix + offerId;
        for (var attempt = 0; ; attempt++)
        {
            var existing = await table.GetEntityIfExistsAsync<SuppressionEntity>(visitorId, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (existing.HasValue && existing.Value!.At >= at)
            {
                return;
            }

            var entity = new SuppressionEntity { PartitionKey = visitorId, RowKey = rowKey, Kind = Wire.Name(kind), At = at };
            try
            {
                if (existing.HasValue)
                {
                    await table.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < 5)
            {
                // Someone else wrote this decline meanwhile: read again and keep the later one.
            }
        }
    }

    /// <summary>The visitor asked never to be shown offers again.</summary>
    public async Task OptOutAsync(string visitorId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await tables.SuppressionsAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(new SuppressionEntity { PartitionKey = visitorId, RowKey = SuppressionEntity.OptOutRow, At = at }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes everything kept about a visitor's suppressions (opt-out and declines); returns how many rows.</summary>
    public async Task<int> ForgetAsync(string visitorId, CancellationToken cancellationToken)
    {
        var table = await tables.SuppressionsAsync(cancellationToken).ConfigureAwait(false);
        var deleted = 0;
        await foreach (var row in table.QueryAsync<SuppressionEntity>(e => e.PartitionKey == visitorId, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            deleted += await table.DeleteIfExistsAsync(visitorId, row.RowKey, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return deleted;
    }

    private async Task<(bool OptedOut, List<Decline> Declines)> LoadSuppressionsAsync(string visitorId, CancellationToken cancellationToken)
    {
        var table = await tables.SuppressionsAsync(cancellationToken).ConfigureAwait(false);
        var optedOut = false;
        var declines = new List<Decline>();
        await foreach (var row in table.QueryAsync<SuppressionEntity>(e => e.PartitionKey == visitorId, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey == SuppressionEntity.OptOutRow)
            {
                optedOut = true;
            }
            else if (row.RowKey.StartsWith(SuppressionEntity.DeclinePrefix, StringComparison.Ordinal) && Wire.TryParse<OfferKind>(row.Kind, out var kind))
            {
                declines.Add(new Decline(row.RowKey[SuppressionEntity.DeclinePrefix.Length..], kind, row.At));
            }
        }

        return (optedOut, declines);
    }
}
