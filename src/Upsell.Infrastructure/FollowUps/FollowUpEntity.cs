using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Upsell.Infrastructure.FollowUps;

/// <summary>
/// One order's follow-up email: PartitionKey is the UTC day it falls due ("yyyyMMdd"), so a timer run reads the few
/// days whose windows are open; RowKey is the order id, so an order has at most one follow-up.
/// </summary>
public sealed class FollowUpEntity : ITableEntity
{
    public const string Pending = "pending";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Status { get; set; } = Pending;

    public string? Email { get; set; }

    public string? Locale { get; set; }

    public string? TimeZone { get; set; }

    public string? VisitorId { get; set; }

    public string Currency { get; set; } = string.Empty;

    public DateTimeOffset PlacedAt { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>What was bought, as UTF-8 JSON order lines, for the email to name.</summary>
    public byte[] Lines { get; set; } = [];

    public static string PartitionOf(DateTimeOffset dueAt) => dueAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
