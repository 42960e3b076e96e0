using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Upsell.Application.Recording;

namespace Upsell.Functions.Events;

/// <summary>Records each message of the events queue; a failure leaves the message to the host's retries and poison queue.</summary>
public sealed class RecordEventsFunction(EventRecorder recorder)
{
    [Function(nameof(RecordEvents))]
    public Task RecordEvents([QueueTrigger("%Upsell:Queues:Events%")] QueueMessage message, CancellationToken cancellationToken) =>
        recorder.RecordAsync(message, cancellationToken);
}
