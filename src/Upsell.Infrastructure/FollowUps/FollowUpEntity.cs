using System.Globalization;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.FollowUps;

/// <summary>
/// One order's follow-up email: PartitionKey is the UTC day it falls due ("yyyyMMdd"), so a timer run reads a
/// range of a few days; RowKey is the order id, so an order has at most one follow-up. <see cref="Status"/> moves
/// from pending to claimed (one run holds it) to sent, skipped, failed or unknown; the address is removed then.
/// </summary>
public sealed class FollowUpEntity : TableRow
{
    public const string Pending = "pending";
    public const string Claimed = "claimed";
    public const string Sent = "sent";
    public const string Skipped = "skipped";
    public const string Failed = "failed";
    public const string Unknown = "unknown";

    public string Status { get; set; } = Pending;

    /// <summary>The recipient, while the email may still go out; removed once it is sent, skipped or given up.</summary>
    public string? Email { get; set; }

    public string? AddressKey { get; set; }

    public string? Locale { get; set; }

    public string? TimeZone { get; set; }

    public string? VisitorId { get; set; }

    /// <summary>The customer's orders before this one, when the backend said.</summary>
    public int? OrderCount { get; set; }

    public string Currency { get; set; } = string.Empty;

    public DateTimeOffset PlacedAt { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>What was bought, as UTF-8 JSON order lines, for the email to name.</summary>
    public byte[] Lines { get; set; } = [];

    public int Attempts { get; set; }

    /// <summary>Not before this instant (after a 429 or 5xx).</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>While claimed: the claim holds until then.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>Why it was skipped, failed or is unknown.</summary>
    public string? Reason { get; set; }

    public string? OfferId { get; set; }

    public string? Experiment { get; set; }

    public string? Variant { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>SendGrid's X-Message-Id, to find the email in its activity feed.</summary>
    public string? MessageId { get; set; }

    public static string PartitionOf(DateTimeOffset dueAt) => dueAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
