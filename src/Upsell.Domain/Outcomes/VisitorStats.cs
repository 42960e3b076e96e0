namespace Upsell.Domain.Outcomes;

/// <summary>
/// What one visitor has done so far in a stats group; it decides whether they count as a new unique, and on which
/// day. <see cref="Held"/> keeps the outcomes that cannot count yet (see <see cref="Tally"/>), so that the counters
/// end the same whatever order the outcomes arrive in.
/// </summary>
public sealed record VisitorStats(bool Exposed, bool Accepted, long RevenueMinor)
{
    /// <summary>A visitor not seen yet.</summary>
    public static VisitorStats None { get; } = new(false, false, 0);

    /// <summary>The day the visitor counts as a unique (the earliest exposure recorded); null for rows older than this field.</summary>
    public DateOnly? SeenOn { get; init; }

    /// <summary>The day the visitor counts as a unique accepter; null for rows older than this field.</summary>
    public DateOnly? AcceptedOn { get; init; }

    /// <summary>
    /// What the visitor's first exposure knew before the offer (capped like revenue): from the earliest day exposed,
    /// and of that day's exposures the smallest value, as a cart only grows with accepted offers. Null when none was known.
    /// </summary>
    public long? Covariate { get; init; }

    /// <summary>The day of the exposure <see cref="Covariate"/> is from.</summary>
    public DateOnly? CovariateOn { get; init; }

    /// <summary>
    /// The orders the visitor had placed before that same exposure (capped at <see cref="Tally.EarlierOrdersCap"/>), set
    /// with <see cref="Covariate"/>; null in rows older than this field, which count as none.
    /// </summary>
    public long? EarlierOrders { get; init; }

    /// <summary>Outcomes waiting for what they depend on, in the order they are released.</summary>
    public IReadOnlyList<Outcome> Held { get; init; } = [];

    /// <summary>Every day this visitor's next outcome may change besides its own: the unique days and the held outcomes' days.</summary>
    public IEnumerable<DateOnly> DaysReferenced()
    {
        if (SeenOn is { } seen)
        {
            yield return seen;
        }

        if (AcceptedOn is { } accepted)
        {
            yield return accepted;
        }

        if (CovariateOn is { } covariate)
        {
            yield return covariate;
        }

        foreach (var held in Held)
        {
            yield return held.Day;
        }
    }

    /// <inheritdoc/>
    public bool Equals(VisitorStats? other) =>
        other is not null && Exposed == other.Exposed && Accepted == other.Accepted && RevenueMinor == other.RevenueMinor
        && SeenOn == other.SeenOn && AcceptedOn == other.AcceptedOn && Covariate == other.Covariate && CovariateOn == other.CovariateOn && EarlierOrders == other.EarlierOrders && Held.SequenceEqual(other.Held);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Exposed, Accepted, RevenueMinor, SeenOn, AcceptedOn, Held.Count);
}
