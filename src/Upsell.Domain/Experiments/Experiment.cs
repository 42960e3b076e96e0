namespace Upsell.Domain.Experiments;

/// <summary>
/// An A/B test of one offer (the subject) at one moment. Visitors are split by <see cref="GrowthBookHash"/> on
/// their visitor id with the seed "key:phase", so changing the weights (a new phase) re-splits them.
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

    /// <summary>Starts at 1; a change of weights starts a new phase.</summary>
    public int Phase { get; init; } = 1;

    /// <summary>The arms, control first.</summary>
    public required IReadOnlyList<Variant> Variants { get; init; }

    /// <summary>The hashing seed of the current phase.</summary>
    public string Seed => $"{Key}:{Phase}";

    /// <summary>The variant a visitor is in, the same every time within a phase.</summary>
    public Variant Assign(string visitorId) => Variants[AssignIndex(visitorId)];

    /// <summary>The position in <see cref="Variants"/> of the variant a visitor is in.</summary>
    public int AssignIndex(string visitorId)
    {
        var n = GrowthBookHash.V2(Seed, visitorId);
        var start = 0.0;
        for (var i = 0; i < Variants.Count; i++)
        {
            var end = start + Variants[i].Weight;
            if (n >= start && n < end)
            {
                return i;
            }

            start = end;
        }

        // Weights that add up to a hair under 1 leave the top bucket to the last arm.
        return Variants.Count - 1;
    }
}
