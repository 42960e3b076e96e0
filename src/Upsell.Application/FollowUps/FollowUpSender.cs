using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Upsell.Domain;
using Upsell.Domain.FollowUps;
using Upsell.Domain.Outcomes;
using Upsell.Domain.Tokens;
using Upsell.Infrastructure.FollowUps;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Queues;
using Upsell.Infrastructure.Storage;
using Upsell.Infrastructure.Telemetry;

namespace Upsell.Application.FollowUps;

/// <summary>
/// One timer run: reads the open follow-ups of the last <c>LookbackDays</c> due days and, a bounded number at a
/// time, sends those whose moment has come. Each is claimed with its ETag before anything is sent, so overlapping
/// runs send an email once; an answer that never came leaves it "unknown" and it is not sent again.
/// </summary>
public sealed partial class FollowUpSender(
    UpsellTables tables,
    FollowUpMailBuilder builder,
    IMailSender mailer,
    UpsellQueues queues,
    TimeProvider time,
    IOptions<FollowUpOptions> options,
    IOptions<EmailOptions> email,
    UpsellMetrics metrics,
    ILogger<FollowUpSender> logger)
{
    public async Task<FollowUpRun> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var table = await tables.FollowUpsAsync(cancellationToken).ConfigureAwait(false);
        var rows = await OpenRowsAsync(table, time.GetUtcNow(), settings, cancellationToken).ConfigureAwait(false);
        var counts = new int[Enum.GetValues<RowResult>().Length];
        var run = new RunState(table, settings, settings.QuietHours, new RateLimitGate());
        await Parallel.ForEachAsync(
            rows,
            new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrency, CancellationToken = cancellationToken },
            async (row, token) => Interlocked.Increment(ref counts[(int)await ProcessSafelyAsync(run, row, token).ConfigureAwait(false)]))
            .ConfigureAwait(false);

        var done = new FollowUpRun(rows.Count, counts[(int)RowResult.Sent], counts[(int)RowResult.Skipped], counts[(int)RowResult.Waiting],
            counts[(int)RowResult.Retrying], counts[(int)RowResult.Failed], counts[(int)RowResult.Unknown], counts[(int)RowResult.Busy], counts[(int)RowResult.Error]);
        metrics.FollowUpsRan(done);
        LogRun(done.Read, done.Sent, done.Skipped, done.Waiting, done.Retrying, done.Failed, done.Unknown, done.Errors);
        return done;
    }

    private static async Task<List<FollowUpEntity>> OpenRowsAsync(TableClient table, DateTimeOffset now, FollowUpOptions settings, CancellationToken cancellationToken)
    {
        var from = FollowUpEntity.PartitionOf(now.AddDays(-settings.LookbackDays));
        var to = FollowUpEntity.PartitionOf(now);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {from} and PartitionKey le {to} and (Status eq {FollowUpEntity.Pending} or Status eq {FollowUpEntity.Claimed})");
        var rows = new List<FollowUpEntity>();
        await foreach (var row in table.QueryAsync<FollowUpEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows;
    }

    private async Task<RowResult> ProcessSafelyAsync(RunState run, FollowUpEntity row, CancellationToken cancellationToken)
    {
        try
        {
            return await ProcessAsync(run, row, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RequestFailedException or IOException)
        {
            // Storage (or the outbox folder) stayed away after its retries. A row claimed but not yet sent is handed back for the next run.
            LogRowFailed(e, row.RowKey);
            if (row.Status == FollowUpEntity.Claimed)
            {
                await TryReleaseAsync(run.Table, row, cancellationToken).ConfigureAwait(false);
            }

            return RowResult.Error;
        }
    }

    private async Task<RowResult> ProcessAsync(RunState run, FollowUpEntity row, CancellationToken cancellationToken)
    {
        var (table, settings, quiet, gate) = run;
        var now = time.GetUtcNow();
        if (row.Status == FollowUpEntity.Claimed)
        {
            if (row.ClaimedUntil > now)
            {
                return RowResult.Busy;
            }

            // The run that claimed it stopped mid-send: the email may have gone out, so it is not sent again.
            return await FinishAsync(table, row, FollowUpEntity.Unknown, "interrupted", cancellationToken).ConfigureAwait(false) ? RowResult.Unknown : RowResult.Busy;
        }

        var step = FollowUpStep.Next(new FollowUpWindow(row.DueAt, row.ExpiresAt), row.NextAttemptAt, now, quiet, settings.ZoneFor(row.TimeZone));
        if (step.Action == FollowUpAction.Wait || (step.Action == FollowUpAction.Send && gate.IsClosed(now)))
        {
            return RowResult.Waiting;
        }

        if (step.Action == FollowUpAction.Expire)
        {
            return await FinishAsync(table, row, FollowUpEntity.Skipped, "expired", cancellationToken).ConfigureAwait(false) ? RowResult.Skipped : RowResult.Busy;
        }

        if (!await ClaimAsync(table, row, now, settings, cancellationToken).ConfigureAwait(false))
        {
            return RowResult.Busy;
        }

        return await SendAsync(run, row, now, cancellationToken).ConfigureAwait(false);
    }

    // A claimed row: its email built and sent, and the row closed as SendGrid answered.
    private async Task<RowResult> SendAsync(RunState run, FollowUpEntity row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (table, settings, _, gate) = run;
        var prepared = await builder.PrepareAsync(row, now, cancellationToken).ConfigureAwait(false);
        if (prepared.Email is null)
        {
            await FinishAsync(table, row, FollowUpEntity.Skipped, prepared.SkipReason, cancellationToken).ConfigureAwait(false);
            return RowResult.Skipped;
        }

        var result = await mailer.SendAsync(prepared.Email, cancellationToken).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case MailOutcome.Accepted:
                if (!(email.Value.UsesSendGrid && email.Value.UsesEventWebhook))
                {
                    // With SendGrid's event webhook the impression is its delivered event (ReceiveSendGridEventsFunction).
                    await RecordImpressionAsync(row.RowKey, prepared.Decision!, now, cancellationToken).ConfigureAwait(false);
                }

                row.SentAt = now;
                row.MessageId = result.MessageId;
                row.OfferId = prepared.Decision!.OfferId;
                row.Experiment = prepared.Decision.ExperimentKey;
                row.Variant = prepared.Decision.VariantKey;
                await FinishAsync(table, row, FollowUpEntity.Sent, null, cancellationToken).ConfigureAwait(false);
                LogSent(row.RowKey, row.OfferId);
                return RowResult.Sent;
            case MailOutcome.RateLimited:
                var retryAt = result.RetryAt is { } reset && reset > now ? reset : now.AddMinutes(settings.RetryMinutes);
                gate.CloseUntil(retryAt);
                await RetryAsync(table, row, retryAt, result.Detail, cancellationToken).ConfigureAwait(false);
                return RowResult.Retrying;
            case MailOutcome.RetryLater:
                await RetryAsync(table, row, now.AddMinutes(settings.RetryMinutes), result.Detail, cancellationToken).ConfigureAwait(false);
                return RowResult.Retrying;
            case MailOutcome.Rejected:
                await FinishAsync(table, row, FollowUpEntity.Failed, result.Detail, cancellationToken).ConfigureAwait(false);
                LogRejected(row.RowKey, new LogValue(result.Detail));
                return RowResult.Failed;
            default:
                await FinishAsync(table, row, FollowUpEntity.Unknown, result.Detail, cancellationToken).ConfigureAwait(false);
                LogUnknown(row.RowKey, new LogValue(result.Detail));
                return RowResult.Unknown;
        }
    }

    private static async Task<bool> ClaimAsync(TableClient table, FollowUpEntity row, DateTimeOffset now, FollowUpOptions settings, CancellationToken cancellationToken)
    {
        row.Status = FollowUpEntity.Claimed;
        row.ClaimedUntil = now.AddMinutes(settings.ClaimMinutes);
        return await UpdateAsync(table, row, cancellationToken).ConfigureAwait(false);
    }

    private Task<bool> RetryAsync(TableClient table, FollowUpEntity row, DateTimeOffset at, string? reason, CancellationToken cancellationToken)
    {
        row.Status = FollowUpEntity.Pending;
        row.Attempts++;
        row.NextAttemptAt = at;
        row.ClaimedUntil = null;
        row.Reason = reason;
        LogRetry(row.RowKey, new LogValue(reason), at);
        return UpdateAsync(table, row, cancellationToken);
    }

    // Every end state drops the address: it is only kept while the email may still go out.
    private static Task<bool> FinishAsync(TableClient table, FollowUpEntity row, string status, string? reason, CancellationToken cancellationToken)
    {
        row.Status = status;
        row.Reason = reason;
        row.Email = null;
        row.ClaimedUntil = null;
        row.NextAttemptAt = null;
        return UpdateAsync(table, row, cancellationToken);
    }

    private async Task TryReleaseAsync(TableClient table, FollowUpEntity row, CancellationToken cancellationToken)
    {
        try
        {
            row.Status = FollowUpEntity.Pending;
            row.ClaimedUntil = null;
            await UpdateAsync(table, row, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            LogRowFailed(e, row.RowKey);
        }
    }

    // Replaces the row only if nobody changed it since it was read; false when another run (or an erasure) did.
    private static async Task<bool> UpdateAsync(TableClient table, FollowUpEntity row, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            row.ETag = response.Headers.ETag ?? row.ETag;
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    // The email is the post-purchase moment's impression; its decision id makes a repeat count once.
    private async Task RecordImpressionAsync(string followUpId, DecisionToken decision, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var message = new EventMessage(now, [new QueuedEvent(decision.DecisionId, Wire.Name(OutcomeType.Impression), now, QueuedDecision.From(decision))]);
        try
        {
            await queues.SendEventsAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(message, QueueJson.Default.EventMessage)), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            LogImpressionLost(e, followUpId);
        }
    }

    // What every row of one run shares: the table, the settings, the quiet hours read once, and the 429 gate.
    private sealed record RunState(TableClient Table, FollowUpOptions Settings, QuietHours Quiet, RateLimitGate Gate);

    private enum RowResult
    {
        Sent,
        Skipped,
        Waiting,
        Retrying,
        Failed,
        Unknown,
        Busy,
        Error,
    }

    // After a 429 nothing more is sent in this run before SendGrid's reset time.
    private sealed class RateLimitGate
    {
        private long _closedUntilTicks;

        public bool IsClosed(DateTimeOffset now) => now.UtcTicks < Interlocked.Read(ref _closedUntilTicks);

        public void CloseUntil(DateTimeOffset until)
        {
            long current;
            do
            {
                current = Interlocked.Read(ref _closedUntilTicks);
                if (until.UtcTicks <= current)
                {
                    return;
                }
            }
            while (Interlocked.CompareExchange(ref _closedUntilTicks, until.UtcTicks, current) != current);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Follow-ups: {Read} open, {Sent} sent, {Skipped} skipped, {Waiting} waiting, {Retrying} to retry, {Failed} failed, {Unknown} unknown, {Errors} storage errors")]
    private partial void LogRun(int read, int sent, int skipped, int waiting, int retrying, int failed, int unknown, int errors);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Follow-up {FollowUpId} sent with offer {OfferId}")]
    private partial void LogSent(string followUpId, string? offerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Follow-up {FollowUpId} not sent ({Reason}); trying again from {RetryAt}")]
    private partial void LogRetry(string followUpId, LogValue reason, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Follow-up {FollowUpId} was refused by SendGrid: {Detail}")]
    private partial void LogRejected(string followUpId, LogValue detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Follow-up {FollowUpId} got no answer ({Detail}); it is marked unknown and not sent again. Look it up in SendGrid's activity by the followUpId argument")]
    private partial void LogUnknown(string followUpId, LogValue detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Follow-up {FollowUpId} could not be processed; it is tried again on the next run")]
    private partial void LogRowFailed(Exception exception, string followUpId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Follow-up {FollowUpId} was sent but its impression could not be queued")]
    private partial void LogImpressionLost(Exception exception, string followUpId);
}
