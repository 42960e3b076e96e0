using System.Collections.Frozen;
using Upsell.Domain.Money;
using Upsell.Domain.Offers;
using Upsell.Domain.Validation;

namespace Upsell.Domain.Catalog;

/// <summary>An offer as the admin API and the demo catalog carry it. <see cref="Validate"/> names every bad field.</summary>
public sealed record OfferDocument
{
    /// <summary>See <see cref="Offer.Id"/>.</summary>
    public string? Id { get; init; }

    /// <summary>The offer kind's wire name ("protection-plan").</summary>
    public string? Kind { get; init; }

    /// <summary>See <see cref="Offer.Sku"/>.</summary>
    public string? Sku { get; init; }

    /// <summary>See <see cref="Offer.ExternalId"/>.</summary>
    public string? ExternalId { get; init; }

    /// <summary>See <see cref="Offer.ImageUrl"/>.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>See <see cref="Offer.CompareAtPrice"/>; its currency is the price's when left out.</summary>
    public PriceDocument? CompareAtPrice { get; init; }

    /// <summary>Copy per locale.</summary>
    public IReadOnlyDictionary<string, CopyDocument>? Copy { get; init; }

    /// <summary>The locale whose copy is the fallback; "en" when left out and present, else the only locale.</summary>
    public string? DefaultLocale { get; init; }

    /// <summary>The add-on's price.</summary>
    public PriceDocument? Price { get; init; }

    /// <summary>The moments' wire names.</summary>
    public IReadOnlyList<string>? Moments { get; init; }

    /// <summary>Who and which carts the offer is for.</summary>
    public TargetingDocument? Targeting { get; init; }

    /// <summary>Higher first, after relevance; -1000 to 1000.</summary>
    public int? Priority { get; init; }

    /// <summary>Shown from, inclusive.</summary>
    public DateTimeOffset? ActiveFrom { get; init; }

    /// <summary>Shown until, exclusive.</summary>
    public DateTimeOffset? ActiveUntil { get; init; }

    /// <summary>Whether the add-on can be sold now; true when left out.</summary>
    public bool? InStock { get; init; }

    /// <summary>Every problem with the document, by field.</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        Fields.RequireId(errors, "id", Id);
        if (!Wire.TryParse<OfferKind>(Kind, out _))
        {
            errors.Add(new FieldError("kind", $"must be one of {string.Join(", ", Wire.All<OfferKind>())}"));
        }

        Fields.RequireName(errors, "sku", Sku, required: false);

        ProductFields.ValidateExternalId(errors, "externalId", ExternalId);
        ProductFields.ValidateImageUrl(errors, "imageUrl", ImageUrl);
        ValidateCopy(errors);
        ValidatePrice(errors);
        ProductFields.ValidateCompareAt(errors, CompareAtPrice, Price);
        ValidateMoments(errors);
        Targeting?.Validate(errors);
        if (Priority is < -1000 or > 1000)
        {
            errors.Add(new FieldError("priority", "must be between -1000 and 1000"));
        }

        if (ActiveFrom is { } from && ActiveUntil is { } until && from >= until)
        {
            errors.Add(new FieldError("activeUntil", "must be after activeFrom"));
        }

        return errors;
    }

    /// <summary>The domain offer and no errors, or no offer and every field error: never a half-valid offer.</summary>
    public (Offer? Offer, IReadOnlyList<FieldError> Errors) ToOffer()
    {
        var errors = Validate();
        return errors.Count > 0 ? (null, errors) : (Build(), []);
    }

    // Only after Validate found nothing, so every parse below succeeds.
    private Offer Build() => new()
    {
        Id = Id!,
        Kind = Wire.TryParse<OfferKind>(Kind, out var kind) ? kind : throw new InvalidOperationException($"Offer {Id}: kind {Kind} was validated but does not parse."),
        Sku = Sku,
        ExternalId = ExternalId,
        ImageUrl = ImageUrl,
        CompareAtPrice = CompareAtPrice is null ? null : new Money.Money(CompareAtPrice.Amount!.Value, Price!.Currency ?? Money.Money.DefaultCurrency),
        Copy = Copy!.ToFrozenDictionary(p => p.Key, p => p.Value.ToCopy(), StringComparer.Ordinal),
        DefaultLocale = EffectiveDefaultLocale()!,
        Price = new Money.Money(Price!.Amount!.Value, Price.Currency ?? Money.Money.DefaultCurrency),
        Moments = Moments!.Select(m => Wire.TryParse<Moment>(m, out var v) ? v : throw new InvalidOperationException($"Offer {Id}: moment {m} was validated but does not parse.")).ToFrozenSet(),
        Targeting = Targeting?.ToTargeting() ?? OfferTargeting.Everyone,
        Priority = Priority ?? 0,
        ActiveFrom = ActiveFrom,
        ActiveUntil = ActiveUntil,
        InStock = InStock ?? true,
    };

    /// <summary>The document of a domain offer.</summary>
    public static OfferDocument From(Offer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return new()
        {
            Id = offer.Id,
            Kind = Wire.Name(offer.Kind),
            Sku = offer.Sku,
            ExternalId = offer.ExternalId,
            ImageUrl = offer.ImageUrl,
            CompareAtPrice = offer.CompareAtPrice is { } compareAt ? new PriceDocument { Amount = compareAt.Minor, Currency = compareAt.Currency } : null,
            Copy = offer.Copy.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => CopyDocument.From(p.Value), StringComparer.Ordinal),
            DefaultLocale = offer.DefaultLocale,
            Price = new PriceDocument { Amount = offer.Price.Minor, Currency = offer.Price.Currency },
            Moments = [.. offer.Moments.Order().Select(Wire.Name)],
            Targeting = TargetingDocument.From(offer.Targeting),
            Priority = offer.Priority,
            ActiveFrom = offer.ActiveFrom,
            ActiveUntil = offer.ActiveUntil,
            InStock = offer.InStock,
        };
    }

    private string? EffectiveDefaultLocale() =>
        DefaultLocale
        ?? (Copy is null ? null
            : Copy.ContainsKey("en") ? "en"
            : Copy.Count == 1 ? Copy.Keys.First()
            : null);

    private void ValidateCopy(List<FieldError> errors)
    {
        if (Copy is null || Copy.Count == 0)
        {
            errors.Add(new FieldError("copy", "needs copy in at least one locale"));
            return;
        }

        if (Copy.Count > Limits.Locales)
        {
            errors.Add(new FieldError("copy", $"may have at most {Limits.Locales} locales"));
            return;
        }

        foreach (var (locale, copy) in Copy)
        {
            if (!MoneyFormatter.IsKnownLocale(locale))
            {
                errors.Add(new FieldError($"copy.{locale}", "is not a known locale such as \"en\" or \"de-DE\""));
            }
            else if (copy is null)
            {
                errors.Add(new FieldError($"copy.{locale}", "is required"));
            }
            else
            {
                copy.Validate(errors, $"copy.{locale}");
            }
        }

        var defaultLocale = EffectiveDefaultLocale();
        if (defaultLocale is null)
        {
            errors.Add(new FieldError("defaultLocale", "is required when the copy has several locales and none is \"en\""));
        }
        else if (!Copy.ContainsKey(defaultLocale))
        {
            errors.Add(new FieldError("defaultLocale", "must be one of the copy's locales"));
        }
    }

    private void ValidatePrice(List<FieldError> errors)
    {
        if (Price?.Amount is not { } amount)
        {
            errors.Add(new FieldError("price.amount", "is required"));
        }
        else if (amount is < 0 or > Limits.Price)
        {
            errors.Add(new FieldError("price.amount", $"must be between 0 and {Limits.Price} minor units"));
        }

        if (Price?.Currency is { } currency && !MoneyFormatter.IsKnownCurrency(currency))
        {
            errors.Add(new FieldError("price.currency", "must be an ISO 4217 code in use, such as EUR"));
        }
    }

    private void ValidateMoments(List<FieldError> errors)
    {
        if (Moments is null || Moments.Count == 0)
        {
            errors.Add(new FieldError("moments", "needs at least one moment"));
            return;
        }

        for (var i = 0; i < Moments.Count; i++)
        {
            if (!Wire.TryParse<Moment>(Moments[i], out _))
            {
                errors.Add(new FieldError($"moments[{i}]", $"must be one of {string.Join(", ", Wire.All<Moment>())}"));
            }
        }

        if (Moments.Distinct(StringComparer.Ordinal).Count() != Moments.Count)
        {
            errors.Add(new FieldError("moments", "lists a moment twice"));
        }
    }
}
