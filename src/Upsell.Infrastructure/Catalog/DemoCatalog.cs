using System.Text.Json;
using Upsell.Domain.Catalog;

namespace Upsell.Infrastructure.Catalog;

/// <summary>The shop-like demo catalog that a local run seeds into empty tables.</summary>
public sealed record DemoCatalog(IReadOnlyList<OfferDocument> Offers, IReadOnlyList<ExperimentDocument> Experiments)
{
    public static DemoCatalog Load()
    {
        using var stream = typeof(DemoCatalog).Assembly.GetManifestResourceStream("demo-catalog.json")
            ?? throw new InvalidOperationException("The demo catalog is not embedded in the assembly.");
        return JsonSerializer.Deserialize(stream, CatalogJson.Default.DemoCatalog)
            ?? throw new InvalidOperationException("The demo catalog is empty.");
    }
}
