namespace Upsell.Domain.Catalog;

/// <summary>What was decided when an experiment stopped or shipped, and why; <see cref="DecidedAt"/> is the server's.</summary>
public sealed record DecisionDocument
{
    /// <summary>The arm kept: the winner, or control.</summary>
    public string? Variant { get; init; }

    /// <summary>Why, in the merchant's words.</summary>
    public string? Reason { get; init; }

    /// <summary>
    /// The report's verdict as the merchant read it when deciding, kept with the decision so a shipped experiment
    /// shows what it was shipped on, not today's reading of the same data.
    /// </summary>
    public string? Verdict { get; init; }

    /// <summary>Read-only: when the experiment was stopped or shipped (again when a stopped one is shipped).</summary>
    public DateTimeOffset? DecidedAt { get; init; }
}
