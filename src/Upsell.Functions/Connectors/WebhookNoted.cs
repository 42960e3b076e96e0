namespace Upsell.Functions.Connectors;

/// <summary>
/// The 200 answer to a delivery that is taken but changes nothing here: a topic we do not record, a refund of no
/// order line, a data request (logged with its id), a ping. A platform retries anything but a 2xx, and WooCommerce
/// switches a webhook off after a few failures, so these are never errors.
/// </summary>
public sealed record WebhookNoted(string Topic, string Outcome, string? RequestId = null);
