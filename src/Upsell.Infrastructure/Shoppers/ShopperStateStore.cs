using Azure;
using Azure.Data.Tables;
using Upsell.Domain;
using Upsell.Domain.Experiments;
using Upsell.Domain.Offers;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Shoppers;

/// <summary>
/// A visitor's state in Table Storage, one partition per visitor: opt-out, declines, kept experiment arms and the
/// prompts of each browsing session. A decision reads it with one query and writes what it changed in one batch
/// transaction, which applies whole or not at all.
/// </summary>
public sealed class ShopperStateStore(UpsellTables tables)
{
    /// <summary>The visitor's state and this session's prompts, in one query of the visitor's partition.</summary>
    public async Task<ShopperState> LoadAsync(string visitorId, string sessionId, CancellationToken cancellationToken)
    {
        var session = SessionEntity.Row(sessionId);
        // Every row of the visitor but their other sessions, whose keys sort after the rest.
        var rows = await RowsAsync(TableClient.CreateQueryFilter($"PartitionKey eq {visitorId} and (RowKey lt {SessionEntity.Prefix} or RowKey eq {session})"), cancellationToken).ConfigureAwait(false);
        var sessionRow = rows.Find(r => r.RowKey == session);
        var moments = new HashSet<Moment>();
        foreach (var name in sessionRow?.GetString(nameof(SessionEntity.Moments))?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [])
        {
            if (Wire.TryParse<Moment>(name, out var moment))
            {
                moments.Add(moment);
            }
        }

        var (optedOut, declines, accepts, assignments) = Suppressions(rows);
        var history = new ShopperHistory { OptedOut = optedOut, Declines = declines, Accepts = accepts, Assignments = assignments, PromptedMoments = moments };
        return new ShopperState(history, sessionRow?.ETag);
    }

    /// <summary>A visitor's opt-out and declines, for a moment outside any browsing session (the follow-up email).</summary>
    public async Task<ShopperHistory> LoadHistoryAsync(string visitorId, CancellationToken cancellationToken)
    {
        var rows = await RowsAsync(TableClient.CreateQueryFilter($"PartitionKey eq {visitorId} and RowKey lt {SessionEntity.Prefix}"), cancellationToken).ConfigureAwait(false);
        var (optedOut, declines, accepts, assignments) = Suppressions(rows);
        return new ShopperHistory { OptedOut = optedOut, Declines = declines, Accepts = accepts, Assignments = assignments };
    }

    private async Task<List<TableEntity>> RowsAsync(string filter, CancellationToken cancellationToken)
    {
        var table = await tables.SuppressionsAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// Writes what a decision changed, in one batch: the prompted moment on the session, only if the session row is
    /// still as read, and the visitor's first arm in an experiment's phase, only if none is kept yet. False when
    /// another request changed either first: nothing was written, and the caller reads and decides again.
    /// </summary>
    public async Task<bool> TryRecordAsync(string visitorId, string sessionId, Moment? prompt, StickyAssignment? assignment, ShopperState read, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var actions = new List<TableTransactionAction>(2);
        if (prompt is { } moment && !read.History.PromptedMoments.Contains(moment))
        {
            var session = new SessionEntity
            {
                PartitionKey = visitorId,
                RowKey = SessionEntity.Row(sessionId),
                Moments = string.Join(',', read.History.PromptedMoments.Append(moment).Distinct().Order().Select(Wire.Name)),
                LastPromptAt = now,
            };
            actions.Add(read.SessionETag is { } etag
                ? new TableTransactionAction(TableTransactionActionType.UpdateMerge, session, etag)
                : new TableTransactionAction(TableTransactionActionType.Add, session));
        }

        if (assignment is not null)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new SuppressionEntity
            {
                PartitionKey = visitorId,
                RowKey = SuppressionEntity.AssignmentRow(assignment.ExperimentKey, assignment.Phase),
                Variant = assignment.VariantKey,
                At = now,
            }));
        }

        if (actions.Count == 0)
        {
            return true;
        }

        var table = await tables.SuppressionsAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Records a decline; the latest decline of an offer wins, so a replayed older one changes nothing.</summary>
    public Task RecordDeclineAsync(string visitorId, string offerId, OfferKind kind, DateTimeOffset at, CancellationToken cancellationToken) =>
        RecordLatestAsync(visitorId, SuppressionEntity.DeclinePrefix + offerId, kind, at, cancellationToken);

    /// <summary>Records an offer the visitor took; the latest acceptance of an offer wins, as for declines.</summary>
    public Task RecordAcceptAsync(string visitorId, string offerId, OfferKind kind, DateTimeOffset at, CancellationToken cancellationToken) =>
        RecordLatestAsync(visitorId, SuppressionEntity.AcceptPrefix + offerId, kind, at, cancellationToken);

    private async Task RecordLatestAsync(string visitorId, string rowKey, OfferKind kind, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await tables.SuppressionsAsync(cancellationToken).ConfigureAwait(false);
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
                // Someone else wrote this row meanwhile: read again and keep the later one.
            }
        }
    }

    /// <summary>The visitor asked never to be shown offers again.</summary>
    public async Task OptOutAsync(string visitorId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await tables.SuppressionsAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(new SuppressionEntity { PartitionKey = visitorId, RowKey = SuppressionEntity.OptOutRow, At = at }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes everything kept about a visitor (opt-out, declines, kept arms, their sessions' prompts); returns how many rows.</summary>
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

    private static (bool OptedOut, List<Decline> Declines, List<Acceptance> Accepts, Dictionary<string, StickyAssignment> Assignments) Suppressions(List<TableEntity> rows)
    {
        var optedOut = false;
        var (declines, accepts) = (new List<Decline>(), new List<Acceptance>());
        var assignments = new Dictionary<string, StickyAssignment>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.RowKey == SuppressionEntity.OptOutRow)
            {
                optedOut = true;
            }
            else if (row.RowKey.StartsWith(SuppressionEntity.DeclinePrefix, StringComparison.Ordinal) && Wire.TryParse<OfferKind>(row.GetString(nameof(SuppressionEntity.Kind)), out var kind))
            {
                declines.Add(new Decline(row.RowKey[SuppressionEntity.DeclinePrefix.Length..], kind, row.GetDateTimeOffset(nameof(SuppressionEntity.At)) ?? default));
            }
            else if (row.RowKey.StartsWith(SuppressionEntity.AcceptPrefix, StringComparison.Ordinal) && Wire.TryParse<OfferKind>(row.GetString(nameof(SuppressionEntity.Kind)), out var taken))
            {
                accepts.Add(new Acceptance(row.RowKey[SuppressionEntity.AcceptPrefix.Length..], taken, row.GetDateTimeOffset(nameof(SuppressionEntity.At)) ?? default));
            }
            else if (row.RowKey.StartsWith(SuppressionEntity.AssignmentPrefix, StringComparison.Ordinal) && row.GetString(nameof(SuppressionEntity.Variant)) is { } variant
                && row.RowKey[SuppressionEntity.AssignmentPrefix.Length..].Split('|') is [var key, var phaseText]
                && int.TryParse(phaseText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var phase)
                && (!assignments.TryGetValue(key, out var earlier) || earlier.Phase < phase))
            {
                // Rows come in key order, which is not phase order past 9: keep the latest phase.
                assignments[key] = new StickyAssignment(key, phase, variant);
            }
        }

        return (optedOut, declines, accepts, assignments);
    }
}
