using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.FollowUps;

/// <summary>
/// What is kept per email address, without the address: PartitionKey is its <c>EmailAddressKey</c>, RowKey
/// <see cref="UnsubscribedRow"/> once it unsubscribed, <see cref="SuppressedRow"/> once SendGrid reported it undeliverable, or <c>followup|{orderId}</c> for each follow-up made for it
/// (with the follow-up's partition and the visitor), so unsubscribe and erasure find everything in one partition.
/// </summary>
public sealed class AddressEntity : TableRow
{
    public const string UnsubscribedRow = "unsubscribed";

    /// <summary>The row of an address SendGrid could not deliver to or that reported spam: no email goes to it again.</summary>
    public const string SuppressedRow = "suppressed";

    /// <summary>
    /// The partition that lists every address barred from email (RowKey: the address key; Reason: SendGrid's event or
    /// <see cref="UnsubscribedRow"/>), for operations.
    /// </summary>
    public const string SuppressionsPartition = "suppressions";
    public const string FollowUpPrefix = "followup|";

    public DateTimeOffset At { get; set; }

    /// <summary>For a follow-up row: the follow-up's PartitionKey (its due day).</summary>
    public string? FollowUpPartition { get; set; }

    public string? VisitorId { get; set; }

    /// <summary>Why an address is barred: SendGrid's event (bounce, dropped, spamreport) or an unsubscribe.</summary>
    public string? Reason { get; set; }
}
