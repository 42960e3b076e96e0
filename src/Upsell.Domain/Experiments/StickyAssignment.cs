namespace Upsell.Domain.Experiments;

/// <summary>
/// Why a visitor sees the arm they see: the first arm a visitor is given in an experiment's phase is stored with
/// the visitor's other state and reused for as long as the phase runs, whatever the weights or the coverage do
/// since. A visitor without a stored arm is placed by hash (<see cref="Experiment.AssignIndex"/>), and is stored
/// once they are shown the arm. A new phase (a fixed test's weights changed) places everyone afresh.
/// </summary>
/// <param name="ExperimentKey">The experiment.</param>
/// <param name="Phase">The phase the arm was given in.</param>
/// <param name="VariantKey">The arm.</param>
public sealed record StickyAssignment(string ExperimentKey, int Phase, string VariantKey)
{
    /// <summary>
    /// The visitor's arm in <paramref name="experiment"/>: the stored one while it is of this phase and still an arm,
    /// else the hash's; -1 when the hash leaves the visitor outside the coverage. <paramref name="isNew"/> says the
    /// arm still has to be stored.
    /// </summary>
    public static int IndexFor(Experiment experiment, string visitorId, IReadOnlyDictionary<string, StickyAssignment> stored, out bool isNew)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.TryGetValue(experiment.Key, out var kept) && kept.Phase == experiment.Phase)
        {
            for (var i = 0; i < experiment.Variants.Count; i++)
            {
                if (string.Equals(experiment.Variants[i].Key, kept.VariantKey, StringComparison.Ordinal))
                {
                    isNew = false;
                    return i;
                }
            }
        }

        var index = experiment.AssignIndex(visitorId);
        isNew = index >= 0;
        return index;
    }
}
