using System.ComponentModel.DataAnnotations;

namespace Upsell.Infrastructure.Retention;

/// <summary>
/// How long rows kept only to count things once live, bound from configuration section <see cref="SectionName"/>;
/// the expiry timer removes them after that (docs/operator.md, "What is stored, and for how long").
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Upsell:Retention";

    /// <summary>
    /// Days an event's markers (one per token and event type, one per event id, one per exposure) are kept. Never less
    /// than the longest a token is accepted (a follow-up email's, <c>Upsell__Tokens__EmailMaxAgeDays</c>) plus a queue
    /// message's seven days: until then a repeat could still arrive, and the marker is what makes it count nothing.
    /// </summary>
    [Range(1, 3650)]
    public int MarkerDays { get; set; } = 30;

    /// <summary>Days a browsing session's row (the moments it was prompted at) is kept after its last prompt.</summary>
    [Range(1, 365)]
    public int SessionDays { get; set; } = 2;

    /// <summary>The expiry timer's NCRONTAB schedule (daily at 03:30 UTC); the trigger reads this setting, so it must be set.</summary>
    [Required, RegularExpression(@"^\S+( \S+){5}$")]
    public string Schedule { get; set; } = "0 30 3 * * *";
}
