namespace Upsell.Domain.Statistics;

/// <summary>What a merchant should do with an experiment now.</summary>
public enum VerdictKind
{
    /// <summary>Not enough data yet to tell; keep it running.</summary>
    KeepRunning,

    /// <summary>A variant beats control on the primary metric, safely under daily looks.</summary>
    VariantWins,

    /// <summary>Every variant does worse than control on the primary metric.</summary>
    ControlWins,

    /// <summary>Every variant's always-valid interval lies within ± the minimum effect: no change that size is there.</summary>
    NoDetectableDifference,

    /// <summary>Visitors do not reach the arms in the configured ratio, so the numbers cannot be trusted.</summary>
    SampleRatioMismatch,

    /// <summary>The planned days are over with no winner and no effect ruled out.</summary>
    Inconclusive,
}
