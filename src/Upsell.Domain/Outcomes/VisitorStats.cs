namespace Upsell.Domain.Outcomes;

/// <summary>What one visitor has done so far in a stats group; it decides whether they count as a new unique.</summary>
public sealed record VisitorStats(bool Exposed, bool Accepted, long RevenueMinor)
{
    /// <summary>A visitor not seen yet.</summary>
    public static VisitorStats None { get; } = new(false, false, 0);
}
