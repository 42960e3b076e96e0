namespace Upsell.Domain.Experiments;

/// <summary>
/// An A/B test of one offer (the subject) at one moment. Visitors are split by <see cref="GrowthBookHash"/> on
/// their visitor id with the seed "key:phase" into the arms' bucket ranges (<see cref="BucketRanges"/>), so a new
/// phase re-splits them; a visitor's first arm is then kept (<see cref="StickyAssignment"/>).
/// </summary>
public sealed record Experiment
{
    /// <summary>The experiment's key, unique in the catalog.</summary>
    public required string Key { get; init; }

    /// <summary>The moment it runs at; at most one running experiment per moment.</summary>
    public required Offers.Moment Moment { get; init; }

    /// <summary>The offer whose slot the variants change.</summary>
    public required string SubjectOfferId { get; init; }

    /// <summary>Draft, running or stopped.</summary>
    public ExperimentStatus Status { get; init; } = ExperimentStatus.Draft;

    /// <summary>Starts at 1; a change of a fixed test's weights, or of the arms, starts a new phase.</summary>
    public int Phase { get; init; } = 1;

    /// <summary>The share of the moment's visitors in the experiment, 0 to 1; the rest see the subject offer unchanged.</summary>
    public double Coverage { get; init; } = 1;

    /// <summary>Fixed weights, or weights a bandit moves.</summary>
    public Allocation Allocation { get; init; } = Allocation.Fixed;

    /// <summary>The arms, control first.</summary>
    public required IReadOnlyList<Variant> Variants { get; init; }

    /// <summary>
    /// Whether an arm sets the ranking: then the experiment tests the whole answer at its moment, and every offer
    /// shown to a visitor in it counts in their arm, not only the subject offer.
    /// </summary>
    public bool TestsRanking => Variants.Any(v => v.Ranking is not null);

    /// <summary>The hashing seed of the current phase.</summary>
    public string Seed => $"{Key}:{Phase}";

    /// <summary>The variant the hash gives a visitor under the current weights, or null outside the coverage.</summary>
    public Variant? Assign(string visitorId) => AssignIndex(visitorId) is var i and >= 0 ? Variants[i] : null;

    /// <summary>
    /// The position in <see cref="Variants"/> of the arm whose bucket range holds the visitor's hash, or -1 when it
    /// falls outside every range (<see cref="BucketRanges.Of"/>, computed here without allocating).
    /// </summary>
    public int AssignIndex(string visitorId)
    {
        var n = GrowthBookHash.V2(Seed, visitorId);
        var coverage = Math.Clamp(Coverage, 0, 1);
        var cumulative = 0.0;
        for (var i = 0; i < Variants.Count; i++)
        {
            var start = cumulative;
            cumulative += Variants[i].Weight;
            if (n >= start && n < start + coverage * Variants[i].Weight)
            {
                return i;
            }
        }

        return -1;
    }
}
