using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Upsell.Application.Erasure;

namespace Upsell.Functions.Connectors;

/// <summary>
/// Forgets the whole shop, as <c>shop/redact</c> asked: a queue function, so the deletion takes as long as it needs
/// and Shopify's webhook is answered at once. A failure leaves the message to the host's retries; a second run finds
/// what the first left.
/// </summary>
public sealed partial class EraseShopFunction(ShopEraser shop, ILogger<EraseShopFunction> logger)
{
    [Function(nameof(EraseShop))]
    public async Task EraseShop([QueueTrigger("%Upsell:Queues:Erasures%")] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var erased = await shop.EraseAsync(cancellationToken).ConfigureAwait(false);
        LogErased(message.MessageId, erased.Orders, erased.FollowUps, erased.AddressRecords, erased.VisitorRecords);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shop erased ({MessageId}): {Orders} orders, {FollowUps} follow-ups, {Addresses} address rows, {Visitors} visitor rows deleted")]
    private partial void LogErased(string messageId, int orders, int followUps, int addresses, int visitors);
}
