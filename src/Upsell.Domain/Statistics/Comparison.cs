namespace Upsell.Domain.Statistics;

/// <summary>
/// A treatment arm against control on one metric, as one look shows it. <see cref="Interval"/> and
/// <see cref="PValue"/> are fixed-horizon (right once, at a sample size fixed in advance); what stays right however
/// often it is looked at is an experiment's sequential test (<see cref="MetricResult"/>) or, for an open-ended
/// comparison such as the holdout, the mixture test (<see cref="MeanComparison.Mixture"/>).
/// </summary>
/// <param name="Control">The control's mean per unit.</param>
/// <param name="Treatment">The treatment's mean per unit.</param>
/// <param name="Difference">Treatment minus control.</param>
/// <param name="Interval">The fixed-horizon interval of the difference.</param>
/// <param name="RelativeLift">The difference relative to control (0.1 = +10%); null when control is 0, where it is undefined.</param>
/// <param name="RelativeInterval">The fixed-horizon interval of the relative lift (delta method); null with it.</param>
/// <param name="PValue">The fixed-horizon two-sided p-value.</param>
/// <param name="ChanceToBeatControl">The posterior chance that treatment is above control (flat prior, normal likelihood).</param>
/// <param name="SampleSizePerArm">The units per arm needed to detect the minimum effect at the configured power.</param>
/// <param name="SampleSizeRemaining">How many more units the smaller arm needs; 0 once reached.</param>
public sealed record Comparison(
    double Control,
    double Treatment,
    double Difference,
    Interval Interval,
    double? RelativeLift,
    Interval? RelativeInterval,
    double PValue,
    double ChanceToBeatControl,
    long SampleSizePerArm,
    long SampleSizeRemaining);
