namespace Upsell.Domain.Catalog;

/// <summary>A price as the admin API carries it: minor units and an ISO 4217 code (EUR when left out).</summary>
public sealed record PriceDocument
{
    /// <summary>The amount in minor units.</summary>
    public long? Amount { get; init; }

    /// <summary>The ISO 4217 currency.</summary>
    public string? Currency { get; init; }
}
