using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Upsell.Application.Recording;

namespace Upsell.Functions.Orders;

/// <summary>Records each message of the refunds queue; a failure leaves the message to the host's retries and poison queue.</summary>
public sealed class RecordRefundFunction(RefundRecorder recorder)
{
    [Function(nameof(RecordRefund))]
    public Task RecordRefund([QueueTrigger("%Upsell:Queues:Refunds%")] QueueMessage message, CancellationToken cancellationToken) =>
        recorder.RecordAsync(message, cancellationToken);
}
