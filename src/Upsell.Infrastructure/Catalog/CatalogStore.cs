using Upsell.Domain.Catalog;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Catalog;

/// <summary>The catalog in Table Storage: offers and experiments, each a JSON document in its own table.</summary>
public sealed class CatalogStore(UpsellTables tables)
{
    public CatalogTable<OfferDocument> Offers { get; } =
        new(tables.OffersAsync, CatalogJson.Default.OfferDocument, o => o.Id!);

    public CatalogTable<ExperimentDocument> Experiments { get; } =
        new(tables.ExperimentsAsync, CatalogJson.Default.ExperimentDocument, e => e.Key!);
}
