using System.ComponentModel.DataAnnotations;

namespace Upsell.Domain.Statistics;

/// <summary>How experiments are judged, bound from configuration section <see cref="SectionName"/>.</summary>
public sealed class ReportOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Upsell:Reports";

    /// <summary>The false-positive rate of intervals and verdicts: 0.05 gives 95% intervals.</summary>
    [Range(0.001, 0.2)]
    public double Alpha { get; set; } = 0.05;

    /// <summary>The smallest relative change worth finding (0.1 = 10% of control); sizes the sample and bounds "no detectable difference".</summary>
    [Range(0.001, 10.0)]
    public double MinimumEffect { get; set; } = 0.1;

    /// <summary>The chance of finding <see cref="MinimumEffect"/> when it is real, for the sample size still needed.</summary>
    [Range(0.5, 0.99)]
    public double Power { get; set; } = 0.8;

    /// <summary>
    /// The days an experiment phase is planned to run: the sequential test spends its alpha over them and decides
    /// nothing after them (the verdict is then inconclusive if nothing was decided).
    /// </summary>
    [Range(1, 366)]
    public int PlannedDays { get; set; } = 28;

    /// <summary>
    /// The checkout guardrail's margin: a variant at a moment before the order whose always-valid interval shows
    /// checkout completion lower than control's by more than this share of control's (0.01 = 1%) is not shipped.
    /// </summary>
    [Range(0.0, 0.5)]
    public double GuardrailMargin { get; set; } = 0.01;

    /// <summary>The sequential sample-ratio test's false-alarm rate over every look: below this p-value the experiment is flagged as broken.</summary>
    [Range(1e-9, 0.05)]
    public double SampleRatioThreshold { get; set; } = 0.001;

    /// <summary>The shop's ISO 4217 currency, in which reports state money (orders are assumed to be in it).</summary>
    [RegularExpression("^[A-Z]{3}$")]
    public string Currency { get; set; } = "EUR";

    /// <summary>
    /// The rollup timer's NCRONTAB schedule (seconds first): how often the counters reports read are brought up to
    /// date, so how old a report's figures can be; the trigger reads it as <c>%Upsell:Reports:Schedule%</c>.
    /// </summary>
    [Required]
    public string Schedule { get; set; } = "0 */1 * * * *";

    /// <summary>The longest date range one moment report covers, in days.</summary>
    [Range(1, 3660)]
    public int MaxRangeDays { get; set; } = 400;
}
