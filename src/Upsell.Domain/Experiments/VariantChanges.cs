using System.Collections.Frozen;
using Upsell.Domain.Offers;

namespace Upsell.Domain.Experiments;

/// <summary>
/// What an experiment arm changes about its subject offer, while it runs and once it is shipped. An arm keeps the
/// subject's slot (moments, targeting, priority, active window) and changes what is shown in it: another catalog
/// offer, then copy (per locale, merged over the offer's), price and image. The control changes nothing.
/// </summary>
public static class VariantChanges
{
    /// <summary>The offer a visitor in this arm is shown.</summary>
    public static Offer Apply(Offer subject, Variant variant, Offer? replacement)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(variant);
        var shown = subject;
        if (variant.OfferId is not null && replacement is not null)
        {
            shown = subject with
            {
                Id = replacement.Id,
                Kind = replacement.Kind,
                Sku = replacement.Sku,
                ExternalId = replacement.ExternalId,
                ImageUrl = replacement.ImageUrl,
                CompareAtPrice = replacement.CompareAtPrice,
                Copy = replacement.Copy,
                DefaultLocale = replacement.DefaultLocale,
                Price = replacement.Price,
                InStock = replacement.InStock,
            };
        }

        if (variant.Copy is { } copy)
        {
            var merged = new Dictionary<string, OfferCopy>(shown.Copy, StringComparer.Ordinal);
            foreach (var (locale, text) in copy)
            {
                merged[locale] = text;
            }

            shown = shown with { Copy = merged.ToFrozenDictionary(StringComparer.Ordinal) };
        }

        if (variant.PriceMinor is { } price)
        {
            shown = shown with { Price = shown.Price with { Minor = price } };
        }

        if (variant.ImageUrl is { } image)
        {
            shown = shown with { ImageUrl = image };
        }

        return shown;
    }

    /// <summary>
    /// The subject offer once the experiment ships this arm: the arm's offer becomes the offer itself, under the
    /// subject's own id, so every shopper gets the winner from then on. Shipping the same arm twice changes nothing more.
    /// </summary>
    public static Offer Ship(Offer subject, Variant winner, Offer? replacement)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return Apply(subject, winner, replacement) with { Id = subject.Id };
    }
}
