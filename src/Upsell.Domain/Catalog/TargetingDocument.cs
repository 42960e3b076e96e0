using System.Collections.Frozen;
using Upsell.Domain.Offers;
using Upsell.Domain.Validation;

namespace Upsell.Domain.Catalog;

/// <summary>Offer targeting as the admin API carries it; everything optional.</summary>
public sealed record TargetingDocument
{
    /// <summary>See <see cref="OfferTargeting.TriggerSkus"/>.</summary>
    public IReadOnlyList<string>? TriggerSkus { get; init; }

    /// <summary>See <see cref="OfferTargeting.TriggerCategories"/>.</summary>
    public IReadOnlyList<string>? TriggerCategories { get; init; }

    /// <summary>See <see cref="OfferTargeting.ExcludedSkus"/>.</summary>
    public IReadOnlyList<string>? ExcludedSkus { get; init; }

    /// <summary>See <see cref="OfferTargeting.ExcludedCategories"/>.</summary>
    public IReadOnlyList<string>? ExcludedCategories { get; init; }

    /// <summary>See <see cref="OfferTargeting.MinCartValue"/>.</summary>
    public long? MinCartValue { get; init; }

    /// <summary>See <see cref="OfferTargeting.MaxCartValue"/>.</summary>
    public long? MaxCartValue { get; init; }

    /// <summary>See <see cref="OfferTargeting.MaxPricePercentOfCart"/>.</summary>
    public int? MaxPricePercentOfCart { get; init; }

    /// <summary>"desktop", "mobile", "tablet".</summary>
    public IReadOnlyList<string>? Devices { get; init; }

    /// <summary>ISO 3166 alpha-2 codes, upper case.</summary>
    public IReadOnlyList<string>? Countries { get; init; }

    /// <summary>"any", "first-time" or "returning".</summary>
    public string? Audience { get; init; }

    /// <summary>See <see cref="OfferTargeting.MinOrderCount"/>.</summary>
    public int? MinOrderCount { get; init; }

    /// <summary>Adds the errors of this targeting under "targeting".</summary>
    public void Validate(List<FieldError> errors)
    {
        Names(errors, "targeting.triggerSkus", TriggerSkus);
        Names(errors, "targeting.triggerCategories", TriggerCategories);
        Names(errors, "targeting.excludedSkus", ExcludedSkus);
        Names(errors, "targeting.excludedCategories", ExcludedCategories);
        if (MinCartValue is < 0 or > Limits.Price * 100)
        {
            errors.Add(new FieldError("targeting.minCartValue", "must be between 0 and 1000000000 minor units"));
        }

        if (MaxCartValue is < 0 or > Limits.Price * 100)
        {
            errors.Add(new FieldError("targeting.maxCartValue", "must be between 0 and 1000000000 minor units"));
        }

        if (MinCartValue is { } min && MaxCartValue is { } max && min > max)
        {
            errors.Add(new FieldError("targeting.maxCartValue", "must not be below targeting.minCartValue"));
        }

        if (MaxPricePercentOfCart is < 1 or > 1000)
        {
            errors.Add(new FieldError("targeting.maxPricePercentOfCart", "must be between 1 and 1000"));
        }

        Each(errors, "targeting.devices", Devices, d => Wire.TryParse<Device>(d, out _), $"must be one of {string.Join(", ", Wire.All<Device>())}");
        Each(errors, "targeting.countries", Countries, Fields.IsCountry, "must be an upper-case ISO 3166 alpha-2 code");
        if (Audience is not null && !Wire.TryParse<Audience>(Audience, out _))
        {
            errors.Add(new FieldError("targeting.audience", $"must be one of {string.Join(", ", Wire.All<Audience>())}"));
        }

        if (MinOrderCount is < 0 or > 10_000)
        {
            errors.Add(new FieldError("targeting.minOrderCount", "must be between 0 and 10000"));
        }
        else if (MinOrderCount > 0 && Audience == Wire.Name(Offers.Audience.FirstTime))
        {
            errors.Add(new FieldError("targeting.minOrderCount", "contradicts audience first-time"));
        }
    }

    /// <summary>The domain targeting; call after <see cref="Validate"/> found nothing.</summary>
    public OfferTargeting ToTargeting() => new()
    {
        TriggerSkus = Set(TriggerSkus),
        TriggerCategories = Set(TriggerCategories),
        ExcludedSkus = Set(ExcludedSkus),
        ExcludedCategories = Set(ExcludedCategories),
        MinCartValue = MinCartValue,
        MaxCartValue = MaxCartValue,
        MaxPricePercentOfCart = MaxPricePercentOfCart,
        Devices = (Devices ?? []).Select(d => Wire.TryParse<Device>(d, out var v) ? v : default).ToFrozenSet(),
        Countries = Set(Countries),
        Audience = Wire.TryParse<Audience>(Audience, out var audience) ? audience : Offers.Audience.Any,
        MinOrderCount = MinOrderCount,
    };

    /// <summary>The document of a domain targeting.</summary>
    public static TargetingDocument From(OfferTargeting t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new()
        {
            TriggerSkus = Sorted(t.TriggerSkus),
            TriggerCategories = Sorted(t.TriggerCategories),
            ExcludedSkus = Sorted(t.ExcludedSkus),
            ExcludedCategories = Sorted(t.ExcludedCategories),
            MinCartValue = t.MinCartValue,
            MaxCartValue = t.MaxCartValue,
            MaxPricePercentOfCart = t.MaxPricePercentOfCart,
            Devices = [.. t.Devices.Order().Select(Wire.Name)],
            Countries = Sorted(t.Countries),
            Audience = Wire.Name(t.Audience),
            MinOrderCount = t.MinOrderCount,
        };
    }

    private static void Names(List<FieldError> errors, string field, IReadOnlyList<string>? values) =>
        Each(errors, field, values, Fields.IsName, Fields.NameRule);

    private static void Each(List<FieldError> errors, string field, IReadOnlyList<string>? values, Func<string?, bool> isValid, string message)
    {
        if (values is null)
        {
            return;
        }

        if (values.Count > Limits.TargetingList)
        {
            errors.Add(new FieldError(field, $"must have at most {Limits.TargetingList} entries"));
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (!isValid(values[i]))
            {
                errors.Add(new FieldError($"{field}[{i}]", message));
            }
        }
    }

    private static FrozenSet<string> Set(IReadOnlyList<string>? values) => (values ?? []).ToFrozenSet(StringComparer.Ordinal);

    private static string[] Sorted(FrozenSet<string> values) => [.. values.Order(StringComparer.Ordinal)];
}
