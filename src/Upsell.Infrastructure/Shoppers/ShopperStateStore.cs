using Azure;
using Azure.Data.Tables;
using Upsell.Domain;
using Upsell.Domain.Experiments;
using Upsell.Domain.Offers;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Shoppers;

/// <summary>Session prompts and the visitor's state (suppressions and kept experiment arms) in Table Storage.</summary>
public sealed class ShopperStateStore(UpsellTables tables)
{
    public async Task<ShopperState> LoadAsync(string visitorId, string sessionId, CancellationToken cancellationToken)
    {
        var suppressionsTask = LoadSuppressionsAsync(visitorId, cancellationToken);
        var sessions = await tables.SessionsAsync(cancellationToken).ConfigureAwait(false);
        var session = await sessions.GetEntityIfExistsAsync<SessionEntity>(sessionId, SessionEntity.Row, cancellationToken: cancellationToken).ConfigureAwait(false);
        var (optedOut, declines, assignments) = await suppressionsTask.ConfigureAwait(false);
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

        var history = new ShopperHistory { OptedOut = optedOut, Declines = declines, Assignments = assignments, PromptedMoments = moments };
        return new ShopperState(history, session.HasValue ? session.Value!.ETag : null);
    }

    /// <summary>A visitor's opt-out and declines, for a moment outside any browsing session (the follow-up email).</summary>
    public async Task<ShopperHistory> LoadHistoryAsync(string visitorId, CancellationToken cancellationToken)
    {
        var (optedOut, declines, assignments) = await LoadSuppressionsAsync(visitorId, cancellationToken).ConfigureAwait(false);
        return new ShopperHistory { OptedOut = optedOut, Declines = declines, Assignments = assignments };
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

    /// <summary>
    /// Keeps the arm a visitor was first shown in an experiment's phase: inserted only if none is stored yet, so of
    /// two concurrent first requests one wins; false for the other, which reads again and takes the stored arm.
    /// </summary>
    public async Task<bool> TryKeepAssignmentAsync(string visitorId, StickyAssignment assignment, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var table = await tables.SuppressionsAsync(cancellationToken).ConfigureAwait(false);
        var entity = new SuppressionEntity
        {
            PartitionKey = visitorId,
            RowKey = SuppressionEntity.AssignmentRow(assignment.ExperimentKey, assignment.Phase),
            Variant = assignment.VariantKey,
            At = at,
        };
        try
        {
            await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
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

    /// <summary>Deletes everything kept about a visitor (opt-out, declines, kept arms); returns how many rows.</summary>
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

    private async Task<(bool OptedOut, List<Decline> Declines, Dictionary<string, StickyAssignment> Assignments)> LoadSuppressionsAsync(string visitorId, CancellationToken cancellationToken)
    {
        var table = await tables.SuppressionsAsync(cancellationToken).ConfigureAwait(false);
        var optedOut = false;
        var declines = new List<Decline>();
        var assignments = new Dictionary<string, StickyAssignment>(StringComparer.Ordinal);
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
            else if (row.RowKey.StartsWith(SuppressionEntity.AssignmentPrefix, StringComparison.Ordinal) && row.Variant is { } variant
                && row.RowKey[SuppressionEntity.AssignmentPrefix.Length..].Split('|') is [var key, var phaseText]
                && int.TryParse(phaseText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var phase)
                && (!assignments.TryGetValue(key, out var earlier) || earlier.Phase < phase))
            {
                // Rows come in key order, which is not phase order past 9: keep the latest phase.
                assignments[key] = new StickyAssignment(key, phase, variant);
            }
        }

        return (optedOut, declines, assignments);
    }
}
