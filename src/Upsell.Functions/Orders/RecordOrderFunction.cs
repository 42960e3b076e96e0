using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Upsell.Application.Recording;

namespace Upsell.Functions.Orders;

/// <summary>Records each message of the orders queue; a failure leaves the message to the host's retries and poison queue.</summary>
public sealed class RecordOrderFunction(OrderRecorder recorder)
{
    [Function(nameof(RecordOrder))]
    public Task RecordOrder([QueueTrigger("%Upsell:Queues:Orders%")] QueueMessage message, CancellationToken cancellationToken) =>
        recorder.RecordAsync(message, cancellationToken);
}
