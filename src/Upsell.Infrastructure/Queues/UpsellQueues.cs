using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Storage;
using Upsell.Infrastructure.Telemetry;

namespace Upsell.Infrastructure.Queues;

/// <summary>
/// The pipeline's queues, each created on first use. The service client encodes messages as base64, which the
/// Functions queue trigger expects.
/// </summary>
public sealed partial class UpsellQueues(QueueServiceClient service, IOptions<QueueOptions> options, UpsellMetrics metrics, ILogger<UpsellQueues> logger)
{
    /// <summary>The largest message body before base64 (a queue message is at most 64 KiB once encoded).</summary>
    public const int MaxMessageBytes = 48 * 1024;

    /// <summary>The suffix of the queue where the host (and the recorders) put messages that cannot succeed.</summary>
    public const string PoisonSuffix = "-poison";

    /// <summary>The most exposures one message carries (about 200 bytes each, far below a message's 48 KiB).</summary>
    public const int MaxExposuresPerMessage = 100;

    private readonly CreatedOnDemand<QueueClient> _queues = new();

    // Exposures of decisions in flight together go as one message, as the recorders group their commits.
    private readonly GroupCommit<QueuedExposure> _exposures = new(_ => 1, MaxExposuresPerMessage);

    public string EventsName => options.Value.Events;

    public string OrdersName => options.Value.Orders;

    public Task SendEventsAsync(BinaryData body, CancellationToken cancellationToken) => SendAsync(EventsName, body, cancellationToken);

    public Task SendOrderAsync(BinaryData body, CancellationToken cancellationToken) => SendAsync(OrdersName, body, cancellationToken);

    /// <summary>
    /// Queues a visitor's exposure at a moment (held out or treated) on the events queue, for the holdout view. While
    /// one message is being sent, the exposures of other decisions wait and go together in the next: at most one
    /// message per decision, and far fewer under load.
    /// </summary>
    public Task SendExposureAsync(QueuedExposure exposure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exposure);
        return _exposures.EnqueueAsync(EventsName, exposure, SendExposuresAsync, cancellationToken);
    }

    private Task SendExposuresAsync(string queueName, IReadOnlyList<QueuedExposure> exposures)
    {
        var message = new EventMessage(exposures.Min(x => x.At), [], exposures);
        return SendAsync(queueName, new BinaryData(JsonSerializer.SerializeToUtf8Bytes(message, QueueJson.Default.EventMessage)), CancellationToken.None);
    }

    public string RefundsName => options.Value.Refunds;

    public Task SendRefundAsync(BinaryData body, CancellationToken cancellationToken) => SendAsync(RefundsName, body, cancellationToken);

    public string ErasuresName => options.Value.Erasures;

    /// <summary>Queues the erasure of the whole shop; its queue function deletes, however long that takes.</summary>
    public Task SendShopErasureAsync(DateTimeOffset requestedAt, CancellationToken cancellationToken) =>
        SendAsync(ErasuresName, BinaryData.FromString($"{{\"erase\":\"shop\",\"requestedAt\":\"{requestedAt:O}\"}}"), cancellationToken);

    /// <summary>
    /// Parks a message that cannot succeed beside its queue, where the host would after its last retry, and logs
    /// its id and why, so it is not retried in vain.
    /// </summary>
    public async Task PoisonAsync(string queueName, QueueMessage message, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await SendAsync(queueName + PoisonSuffix, message.Body, cancellationToken).ConfigureAwait(false);
        metrics.Poisoned(queueName);
        LogPoisoned(message.MessageId, queueName, new Telemetry.LogValue(reason));
    }

    public Task<QueueClient> GetAsync(string name, CancellationToken cancellationToken) => _queues.GetAsync(name, CreateAsync, cancellationToken);

    private async Task SendAsync(string queueName, BinaryData body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.ToMemory().Length > MaxMessageBytes)
        {
            throw new ArgumentException($"A queue message is at most {MaxMessageBytes} bytes before encoding.", nameof(body));
        }

        var queue = await GetAsync(queueName, cancellationToken).ConfigureAwait(false);
        await queue.SendMessageAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async Task<QueueClient> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var client = service.GetQueueClient(name);
        await client.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return client;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} on {Queue} cannot be recorded ({Reason}); moved to the poison queue")]
    private partial void LogPoisoned(string messageId, string queue, Telemetry.LogValue reason);
}
