using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Shoppers;

/// <summary>
/// A visitor's own state, all of it read by one partition query per decision: PartitionKey is the visitor id, RowKey
/// "decline:{offerId}" for a decline (Kind and At say what and when), "accept:{offerId}" for an offer taken (At),
/// <see cref="OptOutRow"/>, or
/// "assign:{experimentKey}|{phase}" for the arm the visitor was first given in an experiment's phase (Variant).
/// The visitor's sessions share the partition (<see cref="SessionEntity"/>); their keys sort after all of these.
/// </summary>
public sealed class SuppressionEntity : TableRow
{
    public const string OptOutRow = "opt-out";
    public const string DeclinePrefix = "decline:";
    public const string AcceptPrefix = "accept:";
    public const string AssignmentPrefix = "assign:";

    /// <summary>The declined offer's kind, as its wire name.</summary>
    public string? Kind { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The kept arm's key, on an assignment row.</summary>
    public string? Variant { get; set; }

    /// <summary>The row key of an experiment phase's assignment; keys and phases never contain '|'.</summary>
    public static string AssignmentRow(string experimentKey, int phase) =>
        $"{AssignmentPrefix}{experimentKey}|{phase.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
