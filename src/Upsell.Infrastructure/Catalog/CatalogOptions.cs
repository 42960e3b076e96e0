using System.ComponentModel.DataAnnotations;

namespace Upsell.Infrastructure.Catalog;

public sealed class CatalogOptions
{
    public const string SectionName = "Upsell:Catalog";

    /// <summary>How old the in-memory catalog may get before a decision triggers a reload in the background.</summary>
    [Range(1, 3600)]
    public int RefreshSeconds { get; set; } = 30;

    /// <summary>Seed the demo catalog into empty tables at start-up (local development).</summary>
    public bool SeedDemoCatalog { get; set; }
}
