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

    /// <summary>The window for an order placed at <paramref name="placedAt"/>.</summary>
    public FollowUpWindow WindowFor(DateTimeOffset placedAt) =>
        FollowUpWindow.After(placedAt, TimeSpan.FromHours(DelayHours), TimeSpan.FromHours(ExpiryHours));

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ExpiryHours <= DelayHours)
        {
            yield return new ValidationResult("ExpiryHours must be greater than DelayHours.", [nameof(ExpiryHours)]);
        }
    }
}
