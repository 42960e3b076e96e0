using System.ComponentModel.DataAnnotations;

namespace Upsell.Domain.FollowUps;

/// <summary>The knobs of the post-purchase follow-up, bound from configuration section <see cref="SectionName"/>.</summary>
public sealed class FollowUpOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Upsell:FollowUps";

    /// <summary>Hours after the order before the email may go out.</summary>
    [Range(1, 720)]
    public int DelayHours { get; set; } = 24;

    /// <summary>Hours after the order after which the email is no longer sent.</summary>
    [Range(2, 2160)]
    public int ExpiryHours { get; set; } = 72;

    /// <summary>The timer's NCRONTAB schedule (seconds first); the trigger reads it as <c>%Upsell:FollowUps:Schedule%</c>.</summary>
    [Required]
    public string Schedule { get; set; } = "0 */5 * * * *";

    /// <summary>Local time ("HH:mm") from which nobody is emailed.</summary>
    public string QuietHoursStart { get; set; } = "21:00";

    /// <summary>Local time ("HH:mm") until which nobody is emailed.</summary>
    public string QuietHoursEnd { get; set; } = "08:00";

    /// <summary>The shop's IANA time zone, for recipients whose own zone is unknown.</summary>
    public string ShopTimeZone { get; set; } = "UTC";

    /// <summary>How many days of due follow-ups a run reads, so rows left open by an outage still expire and lose their address.</summary>
    [Range(1, 90)]
    public int LookbackDays { get; set; } = 14;

    /// <summary>Follow-ups one run works on at once (and so the most requests open against SendGrid).</summary>
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>Minutes to wait before trying again after SendGrid answered 5xx (or 429 without a reset time).</summary>
    [Range(1, 1440)]
    public int RetryMinutes { get; set; } = 15;

    /// <summary>How long a run's claim on a follow-up holds; a claim older than this was interrupted mid-send.</summary>
    [Range(1, 120)]
    public int ClaimMinutes { get; set; } = 10;

    /// <summary>The window for an order placed at <paramref name="placedAt"/>.</summary>
    public FollowUpWindow WindowFor(DateTimeOffset placedAt) =>
        FollowUpWindow.After(placedAt, TimeSpan.FromHours(DelayHours), TimeSpan.FromHours(ExpiryHours));

    /// <summary>The quiet hours as configured.</summary>
    public QuietHours QuietHours =>
        QuietHours.TryParse(QuietHoursStart, QuietHoursEnd, out var hours) ? hours : throw new InvalidOperationException("Quiet hours are not valid times.");

    /// <summary>The recipient's zone when it is known, else the shop's.</summary>
    public TimeZoneInfo ZoneFor(string? timeZone) =>
        timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : TimeZoneInfo.FindSystemTimeZoneById(ShopTimeZone);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ExpiryHours <= DelayHours)
        {
            yield return new ValidationResult("ExpiryHours must be greater than DelayHours.", [nameof(ExpiryHours)]);
        }

        if (!QuietHours.TryParse(QuietHoursStart, QuietHoursEnd, out _))
        {
            yield return new ValidationResult("QuietHoursStart and QuietHoursEnd must be times such as 21:00 and 08:00.", [nameof(QuietHoursStart), nameof(QuietHoursEnd)]);
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(ShopTimeZone, out _))
        {
            yield return new ValidationResult("ShopTimeZone must be an IANA time zone such as Europe/Berlin.", [nameof(ShopTimeZone)]);
        }

        if (LookbackDays * 24 < ExpiryHours - DelayHours + 24)
        {
            yield return new ValidationResult("LookbackDays must cover the follow-up window (ExpiryHours - DelayHours) plus a day.", [nameof(LookbackDays)]);
        }
    }
}
