using System.Globalization;
using Azure.Data.Tables;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Orders;

/// <summary>
/// What earlier refunds took from each line of a recorded order, so a platform's next refund of the same line is cut
/// to what is left: one row per accepted refund in the order's own partition of the orders table (RowKey
/// "refund|{refundId}", its lines as "line=amount,…"), beside the order's row and erased with it. A resent refund
/// replaces its own row and is never counted against itself.
/// </summary>
public sealed class RefundLedger(UpsellTables tables)
{
    public const string Prefix = "refund|";

    /// <summary>The minor units already refunded per order line (its index), by every refund but <paramref name="exceptRefundId"/>.</summary>
    public async Task<IReadOnlyDictionary<int, long>> RefundedAsync(string orderId, string? exceptRefundId, CancellationToken cancellationToken)
    {
        var table = await tables.OrdersAsync(cancellationToken).ConfigureAwait(false);
        var refunded = new Dictionary<int, long>();
        await foreach (var row in table.QueryAsync<RefundEntity>(NotesOf(orderId), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey == Prefix + exceptRefundId)
            {
                continue;
            }

            AddTo(refunded, row.Lines);
        }

        return refunded;
    }

    /// <summary>Notes an accepted refund's lines (index and minor units); noting it again replaces the note.</summary>
    public async Task NoteAsync(string orderId, string refundId, IEnumerable<(int Line, long Amount)> lines, CancellationToken cancellationToken)
    {
        var table = await tables.OrdersAsync(cancellationToken).ConfigureAwait(false);
        var text = string.Join(',', lines.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Line}={l.Amount}")));
        await table.UpsertEntityAsync(new RefundEntity { PartitionKey = orderId, RowKey = Prefix + refundId, Lines = text }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes every refund noted for the order; how many there were.</summary>
    public async Task<int> ForgetAsync(string orderId, CancellationToken cancellationToken)
    {
        var table = await tables.OrdersAsync(cancellationToken).ConfigureAwait(false);
        var deleted = 0;
        await foreach (var row in table.QueryAsync<RefundEntity>(NotesOf(orderId), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            deleted += await table.DeleteIfExistsAsync(row.PartitionKey, row.RowKey, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return deleted;
    }

    // Every note of the order: the row keys from "refund|" up to "refund}", '}' following '|'.
    private static string NotesOf(string orderId) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {orderId} and RowKey ge {Prefix} and RowKey lt {"refund}"}");

    /// <summary>Adds one refund note's lines ("line=amount,…") to what is refunded per line.</summary>
    internal static void AddTo(Dictionary<int, long> refunded, string lines)
    {
        foreach (var part in lines.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(part => part.Split('=', 2)).Where(p => p.Length == 2))
        {
            var line = int.Parse(part[0], CultureInfo.InvariantCulture);
            refunded[line] = refunded.GetValueOrDefault(line) + long.Parse(part[1], CultureInfo.InvariantCulture);
        }
    }

    /// <summary>One accepted refund of an order: its lines as "line=amount,…".</summary>
    public sealed class RefundEntity : TableRow
    {
        public string Lines { get; set; } = string.Empty;
    }
}
