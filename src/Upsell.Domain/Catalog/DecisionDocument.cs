namespace Upsell.Domain.Catalog;

/// <summary>What was decided when an experiment stopped or shipped, and why; <see cref="DecidedAt"/> is the server's.</summary>
public sealed record DecisionDocument
{
    /// <summary>The arm kept: the winner, or control.</summary>
    public string? Variant { get; init; }

    /// <summary>Why, in the merchant's words (the report's verdict is a good start).</summary>
    public string? Reason { get; init; }

    /// <summary>Read-only: when the experiment was stopped or shipped.</summary>
    public DateTimeOffset? DecidedAt { get; init; }
}
