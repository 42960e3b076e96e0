using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Shoppers;

/// <summary>
/// The prompts one browsing session has seen, kept in its visitor's partition of the suppressions table beside their
/// declines and kept arms (<see cref="SuppressionEntity"/>): PartitionKey the visitor id, RowKey
/// "session:{sessionId}". So a decision reads all it needs in one query and writes it in one batch.
/// </summary>
public sealed class SessionEntity : TableRow
{
    public const string Prefix = "session:";

    /// <summary>Wire names of the moments that showed offers, comma-separated.</summary>
    public string Moments { get; set; } = string.Empty;

    public DateTimeOffset LastPromptAt { get; set; }

    public static string Row(string sessionId) => Prefix + sessionId;
}
