using Upsell.Domain.Offers;
using Upsell.Domain.Validation;

namespace Upsell.Domain.Catalog;

/// <summary>Offer copy as the admin API carries it.</summary>
public sealed record CopyDocument
{
    /// <summary>The headline.</summary>
    public string? Headline { get; init; }

    /// <summary>One or two sentences.</summary>
    public string? Body { get; init; }

    /// <summary>The accept button's text.</summary>
    public string? CallToAction { get; init; }

    /// <summary>The "No thanks" text.</summary>
    public string? DeclineText { get; init; }

    /// <summary>Adds the errors of this copy under a field path.</summary>
    public void Validate(List<FieldError> errors, string field)
    {
        Fields.RequireText(errors, $"{field}.headline", Headline, Limits.Headline);
        Fields.RequireText(errors, $"{field}.body", Body, Limits.Body, required: false);
        Fields.RequireText(errors, $"{field}.callToAction", CallToAction, Limits.CallToAction);
        Fields.RequireText(errors, $"{field}.declineText", DeclineText, Limits.DeclineText);
    }

    /// <summary>The domain copy; call after <see cref="Validate"/> found nothing.</summary>
    public OfferCopy ToCopy() => new(Headline!.Trim(), Body?.Trim() ?? string.Empty, CallToAction!.Trim(), DeclineText!.Trim());

    /// <summary>The document of a domain copy.</summary>
    public static CopyDocument From(OfferCopy copy)
    {
        ArgumentNullException.ThrowIfNull(copy);
        return new() { Headline = copy.Headline, Body = copy.Body, CallToAction = copy.CallToAction, DeclineText = copy.DeclineText };
    }
}
