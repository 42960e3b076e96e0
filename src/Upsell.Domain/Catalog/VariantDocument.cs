using Upsell.Domain.Experiments;

namespace Upsell.Domain.Catalog;

/// <summary>An experiment arm as the admin API carries it.</summary>
public sealed record VariantDocument
{
    /// <summary>See <see cref="Variant.Key"/>.</summary>
    public string? Key { get; init; }

    /// <summary>See <see cref="Variant.Weight"/>.</summary>
    public double? Weight { get; init; }

    /// <summary>See <see cref="Variant.OfferId"/>.</summary>
    public string? OfferId { get; init; }

    /// <summary>See <see cref="Variant.Copy"/>.</summary>
    public IReadOnlyDictionary<string, CopyDocument>? Copy { get; init; }

    /// <summary>See <see cref="Variant.PriceMinor"/>.</summary>
    public long? PriceMinor { get; init; }

    /// <summary>See <see cref="Variant.ImageUrl"/>.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>"rules" or "learned": see <see cref="Variant.Ranking"/>.</summary>
    public string? Ranking { get; init; }

    /// <summary>Whether the arm changes anything about the subject offer.</summary>
    public bool ChangesOffer => OfferId is not null || Copy is not null || PriceMinor is not null || ImageUrl is not null;

    /// <summary>The domain variant; call after validation found nothing.</summary>
    public Variant ToVariant() => new(Key!, Weight!.Value, OfferId, Copy?.ToDictionary(p => p.Key, p => p.Value.ToCopy(), StringComparer.Ordinal), PriceMinor, ImageUrl,
        Wire.TryParse<Decisions.Ranking>(Ranking, out var ranking) ? ranking : null);

    /// <summary>The document of a domain variant.</summary>
    public static VariantDocument From(Variant variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        return new()
        {
            Key = variant.Key,
            Weight = variant.Weight,
            OfferId = variant.OfferId,
            Copy = variant.Copy?.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => CopyDocument.From(p.Value), StringComparer.Ordinal),
            PriceMinor = variant.PriceMinor,
            ImageUrl = variant.ImageUrl,
            Ranking = variant.Ranking is { } ranking ? Wire.Name(ranking) : null,
        };
    }
}
